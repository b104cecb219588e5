/** Fake but well-formed people for the demo: names, valid national ID numbers, phones, addresses. */
import { composeNationalId } from '../domain/national-id';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然子涵欣怡梓轩思雨晨阳嘉豪诗琪俊杰雨婷佳怡博文一鸣可欣若曦';
const REGIONS = ['430102', '430103', '430104', '430111', '430121', '430202', '430302', '430402', '430502', '430602', '431002', '433101'];
const STREETS = ['人民路', '解放路', '芙蓉中路', '五一大道', '韶山北路', '建设路', '中山路', '湘江中路'];

/** A small deterministic generator, so that seeding twice yields the same people. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(random: () => number, items: ArrayLike<T>): T => items[Math.floor(random() * items.length)];

export interface FakePerson {
  name: string;
  nationalId: string;
  phone: string;
  homeAddress: string;
  ethnicity: string;
  politicalStatus: string;
}

/** The `n`-th demo person; birth dates are distinct for every n, so ID numbers never collide. */
export function fakePerson(n: number, enrollmentYear: number): FakePerson {
  const random = seededRandom(n * 7919 + enrollmentYear);
  const given = pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : '');
  const birth = new Date(Date.UTC(enrollmentYear - 19, 0, 1) + n * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const sequence = Math.floor(random() * 999);
  return {
    name: pick(random, SURNAMES) + given,
    nationalId: composeNationalId(pick(random, REGIONS), ymd, sequence),
    phone: `1${pick(random, '3578')}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
    homeAddress: `湖南省长沙市${pick(random, STREETS)}${1 + Math.floor(random() * 300)}号`,
    ethnicity: random() < 0.9 ? '汉族' : pick(random, ['土家族', '苗族', '侗族', '瑶族']),
    politicalStatus: random() < 0.7 ? '共青团员' : '群众',
  };
}
