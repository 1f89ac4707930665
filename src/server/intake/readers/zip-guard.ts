/**
 * Guard against zip bombs posing as .xlsx: before any parsing, the central directory is read with yauzl
 * and every entry's declared sizes are checked (count, total uncompressed size, ratio of a large entry);
 * then every entry is inflated once and counted, so that a header that lies about its size, or a
 * corrupt deflate stream, is refused here with a clear message instead of stalling the XML parser.
 * Limits are generous for real exports (a 200,000-row national export is about 60 MB of XML) and far
 * below what a bomb declares.
 */
import yauzl from 'yauzl';
import { fileError } from '../problems';

/** Limits of the guard. */
export const ZIP_LIMITS = {
  /** entries in one workbook */
  maxEntries: 10_000,
  /** total uncompressed bytes (2 GiB) */
  maxTotalBytes: 2 * 1024 ** 3,
  /** ratio uncompressed / compressed above which an entry larger than `ratioFloorBytes` is refused */
  maxRatio: 200,
  ratioFloorBytes: 20 * 1024 ** 2,
};

/** Entry names of a zip, after the size checks. */
export async function checkZip(path: string, limits = ZIP_LIMITS): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (err, z) => (err || !z ? reject(fileError('FILE_NOT_XLSX', '文件不是有效的 xlsx 工作簿(压缩包目录损坏或不完整,可能是上传中断或文件被截断);请重新导出后上传')) : resolve(z))),
  );
  return new Promise<string[]>((resolve, reject) => {
    const names: string[] = [];
    let total = 0;
    let failed = false;
    const fail = (code: string, msg: string) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(fileError(code, msg));
    };
    zip.on('entry', (e: yauzl.Entry) => {
      names.push(e.fileName);
      total += e.uncompressedSize;
      if (names.length > limits.maxEntries) return fail('ZIP_BOMB_SUSPECTED', `xlsx 内含文件过多(超过 ${limits.maxEntries} 个),疑似压缩炸弹,已拒绝`);
      if (total > limits.maxTotalBytes) return fail('ZIP_BOMB_SUSPECTED', `xlsx 解压后超过 ${Math.round(limits.maxTotalBytes / 1024 ** 3)} GB,疑似压缩炸弹,已拒绝`);
      if (e.uncompressedSize > limits.ratioFloorBytes && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio)
        return fail('ZIP_BOMB_SUSPECTED', `xlsx 中有一部分的压缩比超过 ${limits.maxRatio}:1,疑似压缩炸弹,已拒绝`);
      if (e.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return fail('FILE_NOT_XLSX', 'xlsx 工作簿已损坏(其中一部分无法解压);请重新导出后上传');
        let actual = 0;
        stream.on('data', (chunk: Buffer) => {
          actual += chunk.length;
          if (actual > e.uncompressedSize) {
            stream.destroy();
            fail('ZIP_BOMB_SUSPECTED', 'xlsx 中有一部分解压后大于其声明的大小,疑似压缩炸弹,已拒绝');
          }
        });
        stream.on('error', () => fail('FILE_NOT_XLSX', 'xlsx 工作簿已损坏(其中一部分无法解压);请重新导出后上传'));
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.on('end', () => {
      if (!failed) resolve(names);
    });
    zip.on('error', () => fail('FILE_NOT_XLSX', 'xlsx 工作簿已损坏(压缩包结构错误);请重新导出后上传'));
    zip.readEntry();
  });
}
