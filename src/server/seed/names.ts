/**
 * Name and ethnicity pools for the demo population. EVERY PERSON OF THE DEMO POPULATION IS INVENTED:
 * names are random combinations of common surnames and given-name characters (or, for minority-style
 * names, of common name elements); any likeness to a real person is chance. The pools and the
 * ethnic shares per area are assumptions for invented data (see data/seed-calibration.csv), chosen to
 * make the demo look plausible and to exercise the software: names with the middle dot · (Uyghur-style
 * transliterations, "given·father's given") and a few characters outside the Basic Multilingual Plane
 * (𠮷 U+20BB7, 𫖯 U+2B5AF), which take two UTF-16 code units each.
 */
import { cumulative, type Random } from './random';

/**
 * How a household's names are built: `han` (surname + 1–2 characters), `yi` (Yi clan name + given
 * name, as commonly transcribed in 凉山), `tibetan` (two name elements, no surname), `uyghur`
 * (given name · father's given name).
 */
export type NameStyle = 'han' | 'yi' | 'tibetan' | 'uyghur';

/** Ethnicity label (民族, as written in the national export, e.g. 汉族) and the name style it uses. */
export interface EthnicChoice {
  ethnicity: string;
  style: NameStyle;
}

// Common surnames with rough relative weights (assumption: top surnames of the population, plus
// surnames frequent in the south-west such as 韦 覃 莫 蒙 龙 石 杨 吴).
const SURNAME_TIERS: [number, string][] = [
  [70, '王李张刘陈'],
  [30, '杨黄赵吴周'],
  [15, '徐孙马朱胡郭何高林罗郑梁谢宋唐'],
  [8, '许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严覃武戴莫孔向汤'],
  [3, '蒙冉安岳杭农滕麻粟欧'],
];
const SURNAMES: string[] = [];
const SURNAME_WEIGHTS: number[] = [];
for (const [w, chars] of SURNAME_TIERS) {
  for (const ch of chars) {
    SURNAMES.push(ch);
    SURNAME_WEIGHTS.push(w);
  }
}
SURNAMES.push('欧阳', '司马', '诸葛');
SURNAME_WEIGHTS.push(1, 0.3, 0.3);
const SURNAME_CUM = cumulative(SURNAME_WEIGHTS);

/** Given-name characters by sex and birth cohort (names follow fashions). */
const GIVEN: Record<'male' | 'female', [string, string, string]> = {
  // [born before 1975, 1975–1999, 2000 and later]
  male: [
    '建国军华明伟强平永德文志海春福贵富学忠林生祥荣发光兴成有才山宝长金胜全云洪江',
    '伟勇涛斌杰鹏军波磊辉刚超健亮飞鑫龙浩林峰俊江明华东宁毅彬',
    '浩宇轩子博睿泽俊杰航鑫磊晨阳铭逸辰豪然锦熙宸诚楷',
  ],
  female: [
    '秀英兰芳珍桂玉凤梅花琼翠莲淑芬华香云群菊芝霞红丽素',
    '丽敏静燕娟艳霞玲婷琴梅雪慧红芳莉洁萍倩丹媛',
    '欣怡梓涵萱诗雨佳琪可馨悦思彤雅紫晴妍瑶婷语汐',
  ],
};
/** Characters outside the BMP (two UTF-16 code units each), used for a few names to test storage. */
export const RARE_NON_BMP_CHARS = ['𠮷', '𫖯'] as const;

const YI_CLANS = ['吉克', '阿苦', '沙马', '海来', '马海', '俄木', '勒格', '阿西', '吉伍', '曲比', '阿的', '日火'];
const YI_GIVEN = { male: ['阿牛', '日哈', '尔古', '木呷', '石布', '拉且', '伍呷', '子日', '阿力', '克哈'], female: ['阿依', '阿支', '阿嫫', '日莫', '石者', '尔作', '曲莫', '阿果', '么么', '拉莫'] };
const TIBETAN = {
  male: ['扎西', '次仁', '达瓦', '尼玛', '格桑', '顿珠', '平措', '旺堆', '多吉', '索朗', '洛桑', '强巴', '罗布', '边巴'],
  female: ['卓玛', '央金', '拉姆', '德吉', '曲珍', '白玛', '措姆', '普珍', '旦增', '玉珍'],
  neutral: ['次仁', '达瓦', '尼玛', '格桑', '白玛', '德庆', '索朗', '益西', '扎西', '平措'],
};
const UYGHUR = {
  male: ['买买提', '艾力', '阿不都热合曼', '吐尔逊', '艾买提', '热合曼', '努尔买买提', '肉孜', '亚森', '阿迪力', '麦麦提', '吾斯曼', '阿布拉', '依明', '艾则孜', '卡德尔'],
  female: ['阿依古丽', '古丽巴哈尔', '热依拉', '帕提古丽', '努尔比亚', '玛依拉', '阿依努尔', '热娜古丽', '祖丽胡玛尔', '米热古丽', '阿依夏木', '布帕塔木'],
};

/** Ethnic mixes by area: [ethnicity, weight, style]. Assumption for invented data, rough, by province or prefecture. */
type Mix = readonly (readonly [string, number, NameStyle])[];
const MIX_BY_PREFIX: [string, Mix][] = [
  ['65', [['维吾尔族', 75, 'uyghur'], ['哈萨克族', 5, 'uyghur'], ['汉族', 20, 'han']]],
  ['54', [['藏族', 95, 'tibetan'], ['汉族', 5, 'han']]],
  ['5134', [['彝族', 80, 'yi'], ['汉族', 20, 'han']]], // 凉山州
  ['5132', [['藏族', 60, 'tibetan'], ['羌族', 10, 'han'], ['汉族', 30, 'han']]], // 阿坝州
  ['5133', [['藏族', 75, 'tibetan'], ['汉族', 25, 'han']]], // 甘孜州
  ['6230', [['藏族', 55, 'tibetan'], ['汉族', 45, 'han']]], // 甘南州
  ['6301', [['汉族', 75, 'han'], ['回族', 15, 'han'], ['土族', 10, 'han']]],
  ['6302', [['汉族', 60, 'han'], ['回族', 20, 'han'], ['土族', 10, 'han'], ['藏族', 10, 'tibetan']]],
  ['63', [['藏族', 80, 'tibetan'], ['汉族', 15, 'han'], ['回族', 5, 'han']]],
  ['45', [['壮族', 50, 'han'], ['瑶族', 10, 'han'], ['汉族', 40, 'han']]],
  ['52', [['苗族', 30, 'han'], ['布依族', 15, 'han'], ['侗族', 10, 'han'], ['汉族', 45, 'han']]],
  ['53', [['彝族', 20, 'han'], ['哈尼族', 10, 'han'], ['苗族', 10, 'han'], ['汉族', 60, 'han']]],
  ['64', [['回族', 40, 'han'], ['汉族', 60, 'han']]],
  ['15', [['蒙古族', 20, 'han'], ['汉族', 80, 'han']]],
  ['50', [['土家族', 15, 'han'], ['苗族', 5, 'han'], ['汉族', 80, 'han']]],
  ['62', [['汉族', 92, 'han'], ['回族', 6, 'han'], ['东乡族', 2, 'han']]],
  ['', [['汉族', 100, 'han']]],
];
const MIXES = MIX_BY_PREFIX.map(([prefix, mix]) => ({ prefix, mix, cum: cumulative(mix.map((m) => m[1])) }));
/** Outside Xinjiang, share of households given Uyghur-style names with the middle dot, for testing. */
const DOT_NAME_HOUSEHOLD_SHARE = 0.002;

/**
 * Ethnicity of a household (all members share it: an assumption) from the county code (6 digits).
 * A small share of households anywhere get Uyghur-style dotted names, for testing.
 */
export function pickEthnicity(rng: Random, countyCode: string): EthnicChoice {
  if (rng.chance(DOT_NAME_HOUSEHOLD_SHARE)) return { ethnicity: '维吾尔族', style: 'uyghur' };
  const m = MIXES.find((x) => countyCode.startsWith(x.prefix))!;
  const [ethnicity, , style] = m.mix[rng.weighted(m.cum)]!;
  return { ethnicity, style };
}

/** A family name for the style: a Han surname, a Yi clan name, or '' (Tibetan and Uyghur styles). */
export function pickSurname(rng: Random, style: NameStyle): string {
  if (style === 'han') return SURNAMES[rng.weighted(SURNAME_CUM)]!;
  if (style === 'yi') return rng.pick(YI_CLANS);
  return '';
}

/**
 * A given name for the style, sex and birth year. For the Uyghur style this is the person's own name,
 * to which {@link fullName} appends the father's.
 */
export function pickGivenName(rng: Random, style: NameStyle, sex: 'male' | 'female', birthYear: number): string {
  switch (style) {
    case 'han': {
      const pool = GIVEN[sex][birthYear < 1975 ? 0 : birthYear < 2000 ? 1 : 2];
      const c1 = pool[Math.floor(rng.next() * pool.length)]!;
      if (rng.chance(0.22)) return c1;
      return c1 + pool[Math.floor(rng.next() * pool.length)]!;
    }
    case 'yi':
      return rng.pick(YI_GIVEN[sex]);
    case 'tibetan':
      return sex === 'male' ? rng.pick(TIBETAN.male) + rng.pick(TIBETAN.male) : rng.pick(TIBETAN.neutral) + rng.pick(TIBETAN.female);
    case 'uyghur':
      return rng.pick(UYGHUR[sex]);
  }
}

/** A male given name of the Uyghur style, for a father who is not on the roster. */
export function pickUyghurFatherName(rng: Random): string {
  return rng.pick(UYGHUR.male);
}

/**
 * The name as written in the register: surname + given name, or for the Uyghur style
 * `given·fatherGiven` (middle dot U+00B7, as the national system writes transliterated names).
 */
export function fullName(style: NameStyle, surname: string, given: string, fatherGiven: string): string {
  return style === 'uyghur' ? `${given}·${fatherGiven}` : surname + given;
}

/**
 * Gives a Han-style given name one rare non-BMP character (for testing storage, sorting and display):
 * its last character becomes 𠮷 (a variant form of 吉) or 𫖯 (as in the painter 赵孟𫖯).
 */
export function withRareCharacter(rng: Random, given: string): string {
  // names built here are all BMP characters, so slicing one UTF-16 unit removes one character
  return given.slice(0, -1) + rng.pick(RARE_NON_BMP_CHARS);
}
