package cn.citygrid.backend.demo;

import java.util.Random;

/** Plausible Chinese names and road names, drawn from common surnames and characters. */
final class NameBook {
  // The most common surnames, most frequent first (sampled with a skew towards the front).
  private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
  private static final String MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文军海峰亮晨博宏天翔子豪睿哲";
  private static final String FEMALE = "芳娜敏静丽艳娟霞燕玲桂英秀兰华红梅琳雪婷颖慧洁萍倩佳琪欣怡雯晶璐悦诗涵梓萱雨嘉琳馨";
  private static final String[] ROADS = {"深南", "红荔", "华强", "梅林", "香蜜", "景田", "莲花", "彩田", "福华", "滨河",
      "北环", "新洲", "益田", "金田", "皇岗", "上步", "燕南", "振兴", "八卦", "笋岗", "宝安", "东门", "人民", "建设",
      "解放", "和平", "松园", "翠竹", "太宁", "布心", "沙河", "侨香", "科苑", "高新", "南海", "学府", "桃园", "前海",
      "创业", "新安", "西乡", "石岩", "龙华", "民治", "观澜", "布吉", "横岗", "龙岗", "坪山", "葵涌", "南澳", "光明",
      "公明", "福永", "沙井", "松岗", "大浪", "坂田", "平湖", "梅观", "丹竹", "碧海", "望海", "海月", "春风", "凤凰"};
  private static final String[] ROAD_KINDS = {"路", "路", "路", "大道", "街", "一路", "二路", "三路"};

  private NameBook() {}

  static String personName(Random random, boolean male) {
    String surname = String.valueOf(SURNAMES.charAt(skewed(random, SURNAMES.length())));
    String pool = male ? MALE : FEMALE;
    String given = String.valueOf(pool.charAt(random.nextInt(pool.length())));
    if (random.nextInt(10) < 7) {
      given += pool.charAt(random.nextInt(pool.length()));
    }
    return surname + given;
  }

  static String road(Random random) {
    return ROADS[random.nextInt(ROADS.length)] + ROAD_KINDS[random.nextInt(ROAD_KINDS.length)];
  }

  /** Index in [0, n) with small indexes more likely (a rough Zipf shape). */
  private static int skewed(Random random, int n) {
    double u = random.nextDouble();
    return Math.min(n - 1, (int) (n * u * u * u));
  }
}
