/** zod messages in Chinese (zh-CN) for every schema of the project; imported by each schema module. */
import { z } from 'zod';

z.config(z.locales.zhCN());
export { z };
