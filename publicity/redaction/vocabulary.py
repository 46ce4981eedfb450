"""Word lists the name rules rely on. Data, not logic: extend them when a real text slips through."""

import re

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "闻人", "澹台", "南宫", "西门", "端木", "呼延", "万俟", "单于", "爱新觉罗", "叶赫那拉",
)
# The common single-character surnames (about 98% of the population).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
    "官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由买热古艾"
)
# Forms of address that follow a surname: "王先生" is as identifying as "王某".
TITLES = ("先生", "女士", "小姐", "同志", "老师", "师傅", "阿姨", "大爷")

# Labels after which a natural person's name is written, with or without "：".
PERSON_LABELS = (
    "姓名", "联系人", "投诉人", "举报人", "申请人", "被申请人", "被投诉人", "被举报人", "异议人", "质疑人", "申诉人",
    "法定代表人", "法人代表", "法人", "委托代理人", "代理人", "委托人", "受托人", "负责人", "项目负责人", "技术负责人",
    "项目经理", "项目总监", "总监理工程师", "监理工程师", "建造师", "经办人", "承办人", "办理人", "当事人", "证人",
    "见证人", "检查人员", "执法人员", "调查人员", "工作人员", "监督人员", "记录人", "询问人", "被询问人", "被调查人",
    "审核人", "复核人", "审批人", "签收人", "收件人", "送达人", "受送达人", "报名人", "股东", "实际控制人", "出资人",
    "评标专家", "评审专家", "评标委员会成员", "评标委员会主任", "评委", "专家组长", "组长", "副组长", "主检人",
    "检查组成员", "陪同人员", "现场负责人", "联系人员", "经营者", "户主", "业主代表", "代表人", "监护人", "配偶",
    "亲属", "家属", "投标人代表", "授权代表", "被授权人", "签字人",
)
# Characters that end a name when they follow its first two characters: the next word starts.
FOLLOW_CHARS = frozenset("向称等同于在对是为因的和与及将已未曾到反说认提表均也都所被把从自以就并还又不系作担任即"
                         "现后来去要能可应请诉投申举经委亦则且但而再另其之此该据按依通根拒共分先女男签出进前时")
# Single characters that start a clause rather than a name when no "：" follows the label.
PREPOSITIONS = frozenset("于向和对在与及由但等将从自以就为因被把经据按称认")
NAME_LIST_SEPARATORS = frozenset("、,，和与及")
# Where an organisation's name ends: a run ending like this is not a person.
ORGANISATION_WORDS = (
    "有限责任公司", "股份有限公司", "有限公司", "分公司", "公司", "集团", "事务所", "合作社", "研究院", "设计院", "研究所",
    "委员会", "管理局", "管理处", "管理站", "办公室", "工作室", "经营部", "营业部", "商行", "商店", "中心", "银行",
    "医院", "学校", "大学", "学院", "单位", "机构", "协会", "商会", "基金会", "联合体", "项目部", "指挥部", "工程队",
)
ORGANISATION_CHARS = "局委院所厂部会社行站队处室校办馆台庭团"
ORGANISATION_PREFIXES = ("市", "省", "区", "县", "镇", "乡", "本", "该", "我", "贵", "国家", "中国", "中华", "街道")
ORGANISATION_RE = re.compile(
    r"[\u3400-\u9fff()（）]{0,24}?(?:" + "|".join(ORGANISATION_WORDS) + r")"
)

# Pinyin: surnames (lower case) and the syllable grammar for given names.
PINYIN_SURNAMES = frozenset(re.split(
    r"\s+",
    "zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang han "
    "feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai du ye cheng su wei lv lyu lu ding ren shen yao cui "
    "zhong tan fan jin shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long tao gu mao "
    "hao gong shao wan qian dai mo kong xiang chang wen kang zhuang niu ge xing qi qiao pang ni nie yue zhai zhan ou "
    "geng guan lan jiao zuo gan bao ning shang shu ruan ke ji mei tong ling bi shan pei huo tu miao sheng qu weng ran "
    "you xin chai hua pu teng rao mou ai mu nong si zhuo jian che lian mai chu lou dou cen jing dang fei bu leng xi "
    "mi zong gui quan ying zang min gou bian chou luan sui diao sha rong kou sang lang zhen cong ao ming she chi cha "
    "kuang ju hui le nan ban lao pi xian man kan qiang shuai piao gai zu ba zhi qing di ping suo xuan lai rui que bo "
    "yong tai na heng ouyang sima shangguan zhuge dongfang huangfu murong situ xiahou",
))
PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|van|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ve|ui|er"
    r"|a|o|e|i|u|v)"
)
PINYIN_GIVEN_RE = re.compile(rf"(?:{PINYIN_SYLLABLE}){{1,3}}", re.IGNORECASE)
