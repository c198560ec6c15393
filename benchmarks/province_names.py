"""Names for the generated province: places, the bodies a plan makes responsible, people. Fictional places;
the bodies are the ones real 责任分解 plans list, so unit lists look like the real thing."""

from __future__ import annotations

import random

from taizhang.units.models import Unit

PROVINCE = "江南省"
CITIES = ("东州市", "西陵市", "南川市", "北原市", "安平市", "临江市", "青山市", "云阳市", "宁远市", "长乐市")
# Districts under the first cities (two each for the first five, one each for the next five): 15 in all.
DISTRICTS = ("城关区", "新华区")

K = Unit.Kind
# (name, kind); "{b}" is 厅 for the province and 局 below it. The office's own unit comes first.
BODIES: tuple[tuple[str, str], ...] = (
    ("纪委监委", K.PARTY),
    ("委办公室", K.PARTY),
    ("委组织部", K.PARTY),
    ("委宣传部", K.PARTY),
    ("委统战部", K.PARTY),
    ("委政法委", K.PARTY),
    ("委巡察办", K.PARTY),
    ("委编办", K.PARTY),
    ("委网信办", K.PARTY),
    ("直属机关工委", K.PARTY),
    ("委党校", K.PARTY),
    ("惩治和预防腐败体系建设领导小组办公室", K.LEADING_GROUP),
    ("政府办公室", K.GOVERNMENT),
    ("发展和改革委员会", K.GOVERNMENT),
    ("教育{b}", K.GOVERNMENT),
    ("科学技术{b}", K.GOVERNMENT),
    ("工业和信息化{b}", K.GOVERNMENT),
    ("公安{b}", K.GOVERNMENT),
    ("民政{b}", K.GOVERNMENT),
    ("司法{b}", K.GOVERNMENT),
    ("财政{b}", K.GOVERNMENT),
    ("人力资源和社会保障{b}", K.GOVERNMENT),
    ("自然资源{b}", K.GOVERNMENT),
    ("生态环境{b}", K.GOVERNMENT),
    ("住房和城乡建设{b}", K.GOVERNMENT),
    ("交通运输{b}", K.GOVERNMENT),
    ("水利{b}", K.GOVERNMENT),
    ("农业农村{b}", K.GOVERNMENT),
    ("商务{b}", K.GOVERNMENT),
    ("文化和旅游{b}", K.GOVERNMENT),
    ("卫生健康委员会", K.GOVERNMENT),
    ("退役军人事务{b}", K.GOVERNMENT),
    ("应急管理{b}", K.GOVERNMENT),
    ("审计{b}", K.GOVERNMENT),
    ("国有资产监督管理委员会", K.GOVERNMENT),
    ("市场监督管理局", K.GOVERNMENT),
    ("统计局", K.GOVERNMENT),
    ("医疗保障局", K.GOVERNMENT),
    ("信访局", K.GOVERNMENT),
    ("林业局", K.GOVERNMENT),
    ("体育局", K.GOVERNMENT),
    ("政务服务管理局", K.GOVERNMENT),
    ("机关事务管理局", K.GOVERNMENT),
    ("粮食和物资储备局", K.GOVERNMENT),
    ("人民法院", K.JUDICIAL),
    ("人民检察院", K.JUDICIAL),
    ("总工会", K.MASS),
    ("团委", K.MASS),
    ("妇联", K.MASS),
    ("科协", K.MASS),
    ("文联", K.MASS),
    ("残联", K.MASS),
    ("工商联", K.MASS),
    ("税务局", K.VERTICAL),
    ("气象局", K.VERTICAL),
    ("烟草专卖局", K.VERTICAL),
    ("邮政管理局", K.VERTICAL),
    ("金融监管局", K.VERTICAL),
    ("统计调查队", K.VERTICAL),
    ("通信管理局", K.VERTICAL),
)
_TRADES = "交通能源水务城投旅游建设粮食港务医药文化农垦机场铁路电力燃气环保物流商贸信息出版"
_COMPANY = ("集团有限公司", "发展有限公司", "投资有限公司")
_INSTITUTIONS = ("人民医院", "中医院", "职业技术学院", "师范学院", "广播电视台", "日报社")

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
)
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国红梅志文斌波辉玉兰鑫宇晨亮春海燕"


def unit_names(prefix: str, count: int, *, province: bool) -> list[tuple[str, str]]:
    """``count`` unit (name, kind) pairs for a region whose names start with ``prefix``: the bodies first,
    then state enterprises and institutions."""
    bureau = "厅" if province else "局"
    names = [(prefix + body.format(b=bureau), kind) for body, kind in BODIES[:count]]
    trades = [_TRADES[i : i + 2] for i in range(0, len(_TRADES), 2)]
    extras = [(t + c, K.ENTERPRISE) for c in _COMPANY for t in trades]
    extras += [(i, K.OTHER) for i in _INSTITUTIONS]
    names += [(prefix + name, kind) for name, kind in extras[: count - len(names)]]
    n = 0
    while len(names) < count:
        n += 1
        names.append((f"{prefix}直属事业单位{n:03d}", K.OTHER))
    return names


def person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))
