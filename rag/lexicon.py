"""General Vietnamese and English word lists, in one place, for every stage.

These are words of the languages and of the genre (provincial news about meetings,
budgets, projects), never words of one article: question words, negation, relation
words, administrative units, the categories a meeting's conclusions fall into, and
units of measure. Entries are written with their accents and folded at import, so
they match text typed with or without diacritics.
"""

from __future__ import annotations

import re
from typing import Literal

from rag.textnorm import fold, has_diacritics, nfc

Topic = Literal["results", "shortcomings", "tasks", "recommendations", "advantages", "measures",
                "other"]


_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
"""A word; an inner apostrophe stays ("R'lấp", "H'Mông", "didn't")."""
_POSSESSIVE = re.compile(r"'s$", re.IGNORECASE)
"""English possessive: "Krong No's" is "Krong No"."""


class Cues(frozenset[str]):
    """Folded entries (so ``word in cues`` works on folded words), plus ``accented``:
    the same entries as written, for text that has diacritics."""

    accented: frozenset[str]


def _folded(entries: str) -> Cues:
    """The entries of a "|"-separated block (each may be several words)."""
    accented = frozenset(" ".join(e.lower().split()) for e in entries.split("|") if e.strip())
    cues = Cues(fold(e) for e in accented)
    cues.accented = accented
    return cues


def folded_tokens(text: str) -> list[str]:
    """Word tokens of ``text``, accent-folded, punctuation dropped."""
    return [fold(_POSSESSIVE.sub("", w)) for w in _TOKEN.findall(text.replace("’", "'"))]


def cue_tokens(text: str) -> tuple[list[str], bool]:
    """Tokens to look cues up in, and whether they keep their accents: they do when the
    text has diacritics, since folding merges words ("tiến độ" would read as "do",
    because; "chùa" as "chưa", not yet; "Ban", a board, as "bản", a village)."""
    if not has_diacritics(text):
        return folded_tokens(text), False
    return [nfc(_POSSESSIVE.sub("", w)).lower()
            for w in _TOKEN.findall(text.replace("’", "'"))], True


def has_cue(tokens: list[str], cues: Cues, accented: bool = False) -> bool:
    """Does a cue occur as consecutive ``tokens`` (folded, or ``accented``)?"""
    joined = " " + " ".join(tokens) + " "
    return any(f" {cue} " in joined for cue in (cues.accented if accented else cues))


def cue_spots(tokens: list[str], cues: Cues, accented: bool = False) -> list[int]:
    """Where each occurrence of a cue starts in ``tokens``."""
    runs = [cue.split() for cue in (cues.accented if accented else cues)]
    return [start for start in range(len(tokens)) for run in runs
            if tokens[start:start + len(run)] == run]


def mentions(text: str, cues: Cues) -> bool:
    """Does ``text`` contain one of ``cues`` as whole words?"""
    tokens, accented = cue_tokens(text)
    return has_cue(tokens, cues, accented)


# Question words on folded text: a sentence that holds one asks something of its own
# (rag.parts splits at a conjunction between two; rag.intent tells a follow-up that asks
# its own question from a fragment).
ASKS = re.compile(
    r"\b(?:how|what|which|when|who|whom|where|why|bao nhieu|may|khi nao|bao gio|ngay nao|"
    r"thang nao|nam nao|ai|nao|gi|o dau|vi sao|tai sao|nhu the nao|ra sao)\b")

STOPWORDS = _folded("""
    the | a | an | of | and | or | to | in | on | at | for | by | with | from | as | is | are |
    was | were | be | been | being | it | its | this | that | these | those | which | who |
    whom | what | when | where | why | how | there | their | they | them | he | she | his |
    her | has | have | had | do | does | did | not | no | will | would | can | could | should |
    may | might | also | into | than | then | so | such | about | over | under | more | most |
    other | some | any | all | each | both | same | very |
    là | và | của | các | những | một | được | trong | cho | với | này | đó | khi | để | đã |
    sẽ | đang | thì | mà | nên | nếu | vào | ra | tại | từ | đến | về | như | cũng | còn | có |
    không | nào | gì | sao | thế | nhiều | rất | bị | lại | theo | trên | dưới | sau | trước |
    ở
""")

# Words that ask, rather than name what is asked about.
QUESTION_WORDS = _folded("""
    nào | gì | sao | bao nhiêu | mấy | ai | đâu | khi nào | bao giờ | như thế nào | thế nào |
    vì sao | tại sao | hãy | cho biết | nêu | kể | liệt kê | kể tên | có phải | không | chưa |
    những | các | là | được | bài viết | bài báo | bài | hỏi | ra sao |
    what | which | who | whom | whose | when | where | why | how | many | much | does | did |
    do | is | are | was | were | tell | list | name | give | please | article | articles | say |
    says | said | mention | mentioned
""")

NEGATION_CUES = _folded("""
    không | chưa | chẳng | chả | chưa hề | không hề | chưa được | không được | không có |
    thiếu | not | no | never | neither | nor | without | failed | fail | fails | none |
    yet to | nothing | lack | lacks | lacked
""")

# Words that say a thing falls short without a negation word: how a translation may put
# "không đạt" (did not reach) or "chưa có" (has no) - "missing the target", "short of".
SHORTFALL_CUES = _folded("""
    miss | misses | missed | missing | unable | short of | falls short | fell short | below |
    behind | absence | absent | lacking | failure | shortage | shortages
""")

# Words that contain a negation cue but do not negate.
NOT_NEGATION = _folded("""
    không ngừng | không chỉ | hàng không | không khí | không gian | không quân | không ít |
    chưa từng có | not only | no longer than | no less than | no fewer than | none other |
    nonetheless
""")

# A relation of cause: a sentence giving a reason needs a unit giving one.
CAUSE_CUES = _folded("""
    do | vì | bởi | bởi vì | nguyên nhân | dẫn đến | khiến | because | due to | owing to |
    as a result | caused by | the reason | result of
""")

# A sentence that announces an explanation, which the sentences after it often continue.
EXPLAINS_CUES = _folded("""
    nguyên nhân | lý do | là do | chủ yếu do | the reason | the reasons | reasons |
    mainly because | mainly due | is due to | are due to
""")
# What turns an explanation to what will be done about it ("Huyện sẽ tổ chức đối thoại").
REMEDY_CUES = _folded("""
    sẽ | cần | phải | đề nghị | yêu cầu | kiến nghị | đề xuất | chỉ đạo | giải pháp | khắc phục |
    do vậy | vì vậy | thời gian tới | will | should | must | plans | plan to | proposed | asked |
    to address | therefore | going forward
""")

# What a chair's directive says: the words that give a task to someone. "giao" (assign)
# comes with whom it is given to: alone it is also half of "giao thông" (traffic).
DIRECTIVE_CUES = _folded("""
    yêu cầu | đề nghị | chỉ đạo | giao cho | giao sở | giao các | giao ubnd | giao ủy ban |
    được giao | cần | phải | tập trung | đẩy nhanh | đẩy mạnh | tăng cường |
    khẩn trương | quyết liệt | kiên quyết | phấn đấu | must | should | asked |
    urged | directed | instructed | required | requested | called on | tasked | ordered
""")
# How a paragraph that opens the chair's conclusions starts, before any directive
# ("Kết luận hội nghị, Phó Chủ tịch X đánh giá ...").
CONCLUDING_OPENERS = _folded("""
    kết luận | phát biểu kết luận | phát biểu chỉ đạo | chỉ đạo tại | concluding | in conclusion |
    in his conclusion | in her conclusion | wrapping up | closing the
""")
# How a paragraph that is no longer the chair's directive opens: the reply of those who
# were directed ("Tiếp thu ý kiến chỉ đạo, ...") or the answer to their requests.
REPLY_OPENERS = _folded("""
    tiếp thu | thay mặt | trả lời | giải đáp | giải trình | về các kiến nghị | về kiến nghị |
    đối với các kiến nghị | đối với kiến nghị | về các đề xuất | về đề xuất | accepting |
    on behalf of | in reply | replying | responding | in response | on the recommendations |
    regarding the recommendations | as for the recommendations
""")
# How a sentence gives what someone reports, as opposed to a directive ("Giám đốc Sở cho
# biết, ...", "Theo ông X, ..."): near its start, before what is reported.
REPORT_CUES = _folded("""
    cho biết | báo cáo | thông tin | giải trình | chia sẻ | phản ánh | theo ông | theo bà |
    theo báo cáo | said | says | reported | explained | told | according to
""")

# Who someone is: titles and forms of address that come with a person's name or role,
# and the bodies and groups a "who" question is answered with ("liên kết với ai?").
_TITLES = """
    bí thư | phó bí thư | chủ tịch | phó chủ tịch | giám đốc | phó giám đốc | trưởng ban |
    trưởng phòng | đại biểu | bộ trưởng | thứ trưởng | chairman | chairwoman | chair |
    director | secretary | governor | minister | deputy | head of | leader | delegate |
    spokesperson
"""
# The titles a person holds, which a "who is the chairman of X" question names.
TITLE_CUES = _folded(_TITLES)
# Titles that name no office ("which leader attended"): any title answers them.
GENERIC_TITLES = _folded("leader | head of | deputy | delegate | đại biểu")
_ROLES = _TITLES + """ |
    doanh nghiệp | hợp tác xã | tổ hợp tác | công ty | nhà thầu | chủ đầu tư | liên danh |
    ủy ban | ubnd | cơ quan | người dân | nông dân | hộ dân | company | cooperative |
    contractor | investor | business | businesses | enterprise | agency | farmers | residents
"""
# Roles and bodies without the forms of address, whose "Anh" is also "Tiếng Anh" (English).
ROLE_CUES = _folded(_ROLES)
PERSON_CUES = _folded("ông | bà | anh | chị | đồng chí | mr | mrs | ms | dr |" + _ROLES)

# "which company / contractor / investor" asks a company by name.
COMPANY_ASKED_CUES = _folded("""
    công ty nào | doanh nghiệp nào | nhà thầu nào | đơn vị thi công nào | which company |
    what company | which firm | which contractor | what contractor | which enterprise |
    which business | which investor
""")

# Completion stated as a fact ("was completed"), beyond mere past tense.
COMPLETION_CUES = _folded("""
    hoàn thành | hoàn tất | xong | đã xong | đưa vào sử dụng | khánh thành | completed |
    finished | accomplished | put into operation | inaugurated
""")

# What is asked, proposed, planned, promised or required - not (yet) done. "Yêu cầu
# công ty bồi thường 2,1 tỷ đồng" does not say the company paid.
_NOT_YET = """
    phải | cần | cần phải | sẽ | dự kiến | phấn đấu | yêu cầu | đề nghị | kiến nghị | đề xuất |
    buộc | chỉ đạo | mục tiêu | theo kế hoạch | kế hoạch đến | đồng ý | cam kết | hứa | chưa |
    đang | giao cho | giao sở | giao ubnd | giao nhiệm vụ | xem xét | nghiên cứu | sớm |
    must | should | will | shall | would | expected | scheduled | due to | plans | planned |
    plan to | aims | aim to | target | targets | asked | required | requested | proposed |
    ask | asks | require | requires | request | propose | proposes | recommend | want | wants |
    expect | plan | intend | intends | need | needs | need to | needs to | soon | due |
    was due | were due | recommended | urged | directed | instructed | yet to | not yet |
    agreed to | agreed | committed | promised | pledged | to be | would be | is to | are to |
    under construction
"""
# "tiếp tục" (continue) before a value is a task ("tiếp tục giải ngân 40%"); in a list's
# lead-in it reports a trend ("Thu hút đầu tư tiếp tục là điểm sáng: ...").
LEAD_IRREALIS_CUES = _folded(_NOT_YET)
IRREALIS_CUES = _folded(_NOT_YET + "| tiếp tục | continue | continues | continue to | keep")

# Speech acts a sentence can attribute to someone: asking or proposing, judging, and
# presiding. A model sentence that says "the district proposed X" or "the committee
# criticised X" over a unit that only names X adds a relation no unit states.
REQUEST_CUES = _folded("""
    yêu cầu | đề nghị | kiến nghị | đề xuất | muốn | mong muốn | chỉ đạo | giao nhiệm vụ |
    request | requests | requested | propose | proposes | proposed | proposal | recommend |
    recommends | recommended | recommendation | ask | asks | asked | want | wants | wanted |
    urge | urges | urged | directed | instruct | instructed | require |
    requires | required | assign | assigned | called for | calls for
""")
ASSESSMENT_CUES = _folded("""
    đánh giá | phê bình | ghi nhận | lưu ý | nhận định | nhận xét | biểu dương | khen | chỉ ra |
    nhấn mạnh | cho rằng | khẳng định | kết luận | assess | assesses | assessed | assessment |
    criticise | criticised | criticize | criticized | praise | praised | commend | commended |
    note | noted | notes | evaluate | evaluated | emphasised | emphasized | stressed | pointed out |
    acknowledged | concluded | conclusion
""")
PRESIDING_CUES = _folded("""
    chủ trì | chủ tọa | chair | chairs | chaired | chaired by | presided | presides |
    moderated
""")
# A comparison needs its base stated: "tăng 17%" does not say "than last year".
COMPARISON_CUES = _folded("""
    so với | so cùng kỳ | cùng kỳ | so năm | compared | compared to | compared with |
    year on year | from last year | previous year | the year before | over last year
""")

# What an amount of money is asked with: its answer is a figure in a currency.
MONEY_CUES = _folded("""
    tiền | giá | giá trị | chi phí | kinh phí | vốn | ngân sách | doanh thu | thu nhập |
    lợi nhuận | bồi thường | đầu tư | thu ngân sách | hỗ trợ | trợ cấp | phí | học phí |
    lương | kim ngạch | price | prices | cost | costs | fare | money | fund | funds | funding |
    capital | earn | earns | earned | earnings | turnover | sales |
    budget | revenue | income | profit | compensation | investment | spend | spent | pay |
    paid | worth | value | support | aid | allowance | subsidy | fee | fees | tuition |
    salary | wage | wages
""")
CURRENCY = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:nghìn tỷ|ngàn tỷ|tỷ|triệu|nghìn|ngàn)?\s*(?:đồng|vnđ|vnd)\b|"
                      r"\d(?:[\d.,]*\d)?\s*(?:triệu|tỷ|million|billion|trillion)?\s*(?:usd|đô la|dollars?)\b|"
                      r"\b(?:usd|\$)\s*\d|\d(?:[\d.,]*\d)?\s*(?:million|billion|trillion)\s+(?:vnd|dong)\b",
                      re.IGNORECASE)

# Markers of a question about what was done: "đã", "has paid", "was completed"; "since
# when" presupposes it happened.
DONE_CUES = _folded("""
    đã | rồi | đã xong | từ bao giờ | từ khi nào | has | have | had | did | was | were |
    since when
""")
# What is left to do, just before its figure ("còn 37 hộ chưa bàn giao", "the remaining
# 12 km"): not what was done.
REMAINING_CUES = _folded("""
    còn | còn lại | vẫn còn | remaining | remain | remains | still | left
""")
# How a reply decides a request ("Chủ tịch UBND tỉnh không đồng ý", "the province
# approved"), and the verbs by which a question asks whether it did ("có đồng ý không",
# "có chịu không", "was ... allowed"). "cho phép" is also how a request is worded
# ("đề nghị tỉnh cho phép ..."), so it asks but does not decide.
DECISION_CUES = _folded("""
    đồng ý | chấp thuận | thống nhất | phê duyệt | từ chối | sẽ xem xét | chưa xem xét |
    chưa thể | không thể | agreed | agree | approved | refused | rejected | accepted |
    granted | turned down | declined | will consider | cannot | could not
""")
# How a text says work is under way or only partly done: the answer "not yet" to "has X
# been finished?" ("đang được nâng cấp, đến nay đã thảm nhựa được 16 km").
PROGRESS_CUES = _folded("""
    đang được | đang thi công | đang triển khai | đang thực hiện | đang hoàn thiện | chưa xong |
    chưa hoàn thành | vẫn chưa | dở dang | đến nay mới | hiện mới | mới chỉ | mới đạt | mới được |
    being | is being | are being | under construction | under way | underway | in progress |
    ongoing | not yet | yet to | so far only | only reached
""")
DECISION_ASKED_CUES = _folded("""
    đồng ý | chấp thuận | cho phép | chịu | duyệt | agree | agreed | approve | approved |
    allow | allowed | accept | accepted | grant | granted | refuse | refused | reject
""")
# Verbs of a question that asks what someone decided or said: its answer is the act
# itself ("what did the chair decide?" is answered by "giao Sở ... kiểm tra"), which is
# no value presupposed done.
ACT_CUES = _folded("""
    decide | decided | conclude | concluded | say | said | reply | replied | respond |
    responded | answer | answered | quyết định | kết luận | trả lời | phát biểu | cho biết
""")
# What, after a request earlier in a sentence, says the sentence goes on to what was
# decided or done ("Về kiến nghị của huyện, tỉnh đã bố trí 18 tỷ đồng").
DECIDED_CUES = _folded("""
    đã | trả lời | tiếp thu | thống nhất | chấp thuận | phê duyệt | has been | have been |
    had been | approved | granted | replied | accepted
""")

ADMIN_UNITS = _folded("""
    tỉnh | thành phố | huyện | quận | thị xã | xã | phường | thị trấn | thôn | ấp |
    bản | buôn | làng | khu phố | province | provinces | city | district | districts | town |
    commune | communes | ward | wards | village | hamlet | municipality
""")

# Words that tie a place to the larger unit it belongs to.
MEMBERSHIP_CUES = _folded("""
    thuộc | trực thuộc | nằm ở | nằm trong | nằm tại | của tỉnh | của huyện | của thành phố |
    in | of | belongs to | belong to | part of | located in | under
""")

# The categories a meeting's conclusions fall into, with the words readers and
# articles use for each, in both languages.
TOPIC_CUES: dict[Topic, Cues] = {
    "results": _folded("""
        kết quả | thành tựu | thành tích | đạt được | làm được | nổi bật | nổi rõ | chuyển biến |
        results | result | achievements | achievement | achieved | accomplishments | progress |
        successes
    """),
    "shortcomings": _folded("""
        hạn chế | tồn tại | yếu kém | khó khăn | bất cập | vướng mắc | khuyết điểm | thiếu sót |
        tồn đọng | bị vướng | đang vướng | vướng ở | điểm yếu | còn yếu | đang yếu |
        shortcomings | shortcoming | limitations | limitation | weaknesses | weakness |
        problems | difficulties | obstacles | shortfalls | issues | bottlenecks | hurdles |
        challenges | sticking points | weak points
    """),
    "tasks": _folded("""
        nhiệm vụ | giải pháp | phương hướng | trọng tâm | yêu cầu | chỉ đạo | cần tập trung |
        thời gian tới | phải làm | cần làm | tasks | task | solutions | directions | priorities |
        requirements | must | should | focus | directed | instructed | to do
    """),
    "recommendations": _folded("""
        kiến nghị | đề xuất | đề nghị | kiến nghị của | recommendations | recommendation |
        proposals | proposal | requests | request | petitions | asked the province |
        propose | recommend | suggest
    """),
    "advantages": _folded("""
        thuận lợi | lợi thế | tiềm năng | điểm mạnh | thế mạnh | advantages | advantage |
        strengths | potential | potentials
    """),
    "measures": _folded("""
        biện pháp | cách làm | measures | steps | actions
    """),
}


# What marks a sentence as one of a category's points when the article does not list
# them: a shortcoming is stated with "chưa", "còn chậm"; a task with "cần", "phải"...
_SIGNS: dict[Topic, str] = {
    "results": "đạt | vượt | tăng | hoàn thành | được công nhận | achieved | reached | exceeded | "
               "increased | completed | rose",
    "shortcomings": "chưa | không đạt | vẫn còn | còn chậm | còn thấp | còn nhiều | chậm | "
                    "thiếu | not yet | still | slow | lack | shortage | insufficient | delayed | "
                    "behind schedule | failed",
    "tasks": "đề nghị | yêu cầu | cần | phải | tập trung | đẩy mạnh | tăng cường | chỉ đạo | "
             "khẩn trương | quyết liệt | must | should | asked | urged | directed | requested | "
             "required | called on",
    "recommendations": "kiến nghị | đề xuất | đề nghị | xin | propose | proposed | recommend | "
                       "recommended | request | requested",
    "advantages": "",
    "measures": "đề nghị | yêu cầu | cần | phải | tăng cường | triển khai | must | should | asked",
    "other": "",
}
TOPIC_SIGNS: dict[Topic, Cues] = {
    topic: _folded(" | ".join([*TOPIC_CUES.get(topic, _folded("")).accented, *signs.split("|")]))
    for topic, signs in _SIGNS.items()}


def topic_of(text: str) -> Topic | None:
    """The conclusion category a text names: a question's, or an enumeration lead-in's.

    A lead-in often names two ("besides the results achieved, there remain shortcomings,
    namely:"); the one named last is the one its list gives. A request made in
    concluding ("Kết luận, đồng chí X đề nghị UBND huyện:") is the chair's task, not a
    locality's recommendation.
    """
    folded = " " + " ".join(folded_tokens(text)) + " "
    best: tuple[int, Topic] | None = None
    for topic, cues in TOPIC_CUES.items():
        for cue in cues:
            at = folded.rfind(f" {cue} ")
            if at >= 0 and (best is None or at > best[0]):
                best = (at, topic)
    if best and best[1] == "recommendations" and any(
            0 <= folded.find(f" {cue} ") < best[0] for cue in CONCLUDING_OPENERS):
        return "tasks"
    return best[1] if best else None


# Units of measure as Vietnamese articles write them -> how an English answer says them:
# quantities (money, shares, area, length, mass) and the nouns a figure counts.
QUANTITY_UNITS: dict[str, str] = {
    "nghìn tỷ đồng": "trillion VND", "ngàn tỷ đồng": "trillion VND",
    "tỷ đồng": "billion VND", "triệu đồng": "million VND", "nghìn đồng": "thousand VND",
    "đồng": "VND", "triệu usd": "million USD", "tỷ usd": "billion USD", "usd": "USD",
    "%": "%", "phần trăm": "%", "ha": "ha", "héc-ta": "ha", "hecta": "ha", "km": "km",
    "km2": "km²", "cây số vuông": "km²", "cây số": "km",
    "m": "m", "m2": "m²", "m3": "m³", "tấn": "tonnes",
    "billion vnd": "billion VND", "million vnd": "million VND", "tonnes": "tonnes",
    "tons": "tons", "hectares": "hectares", "percent": "%",
}
MEASURE_UNITS: dict[str, str] = {
    **QUANTITY_UNITS,
    "người": "people", "hộ": "households", "xã": "communes", "dự án": "projects",
    "đại biểu": "delegates", "sản phẩm": "products", "doanh nghiệp": "businesses",
    "lao động": "workers", "căn": "units",
}


# What readers count, as each language names it: a "how many X" question is answered by
# a figure of X, and across languages X is looked for under its other name.
_COUNTED_NOUNS = """
    xã | commune
    phường | ward
    huyện | district
    tỉnh | province
    thôn, bản, buôn, làng, ấp | village, hamlet
    hộ, hộ dân, hộ gia đình, gia đình | household, family
    người, người dân, lao động, công nhân | people, person, resident, worker, employee
    dự án, công trình | project, work
    doanh nghiệp, công ty | business, enterprise, company, firm
    hợp tác xã | cooperative
    sản phẩm | product
    ha, héc-ta, hecta | hectare, ha
    tấn | tonne, ton
    km, ki-lô-mét | km, kilometre, kilometer
    m, mét | metre, meter
    ca, ca mắc, bệnh nhân, trường hợp | case, patient
    nhà, ngôi nhà, căn nhà, căn | house, home, dwelling
    trường, trường học | school
    học sinh | student, pupil
    giáo viên | teacher
    bác sĩ | doctor, physician
    điều dưỡng | nurse
    bệnh viện | hospital
    trạm y tế | health station
    cán bộ, công chức, viên chức | official, civil servant, cadre
    thành viên, đảng viên, hội viên, xã viên | member, party member
    mô hình | model
    trẻ, trẻ em, cháu | child, children, kid
    giường, giường bệnh | bed
    đại biểu | delegate
    nghị quyết | resolution
    xe, phương tiện | vehicle, car
    tàu, tàu cá, thuyền, ghe | vessel, ship, boat
    cây | tree
    con | head, animal
    gia súc, trâu | cattle, livestock, buffalo
    gia cầm | poultry
    lượt | visit, arrival, trip
    khách | visitor, tourist, guest
    vụ, vụ việc | case, incident
    đơn, đơn thư | petition, complaint
    chỉ tiêu | target, indicator
    mã số | code
    bậc | place, rank, step
    ngày | day
    tuần | week
    tháng | month
    năm | year
    giờ, tiếng | hour
    đồng, tỷ đồng, triệu đồng, nghìn đồng | dong, vnd, billion, million
    usd, đô la | usd, dollar
"""


def _count_noun_pairs() -> list[tuple[Cues, Cues]]:
    pairs = []
    for line in _COUNTED_NOUNS.strip().splitlines():
        vi, en = line.split("|")
        pairs.append((_folded(vi.replace(",", "|")), _folded(en.replace(",", "|"))))
    return pairs


COUNTED_NOUNS: list[tuple[Cues, Cues]] = _count_noun_pairs()
"""(Vietnamese names, English names) of what is counted, folded; English singular."""


# Kinds of money a question may ask for; the figure that answers must be of that kind
# ("How much compensation ..." is not answered by a 420 million VND fine).
_MONEY_KINDS = """
    bồi thường, đền bù | compensation, compensate, compensated, indemnity
    phạt, xử phạt, tiền phạt | fine, fined, penalty, penalties
    đầu tư, vốn, mức đầu tư, vốn đăng ký | investment, invest, invested, capital
    thu, thu ngân sách, doanh thu, nguồn thu, nộp ngân sách | revenue, revenues, collect, collected, turnover
    chi, chi phí, kinh phí | spending, spend, spent, expenditure, cost, costs, funding
    giá, giá bán, giá thu mua | price, prices, priced, selling
    hỗ trợ | support, aid, subsidy, assistance
    thiệt hại | damage, damages, loss, losses
    giải ngân | disburse, disbursed, disbursement
    xuất khẩu, kim ngạch | export, exports, exported
    lương, thu nhập | salary, wage, wages, income
    học phí, phí, lệ phí | fee, fees, tuition, charge, charges
"""
MONEY_KINDS: list[Cues] = [
    _folded(line.replace(",", "|")) for line in _MONEY_KINDS.strip().splitlines()]
"""One set of cues per kind, both languages together."""

# The direction of a change: "improved by 4 places" is not answered by "giảm 4 bậc".
INCREASE_CUES = _folded("""
    tăng | tăng trưởng | cải thiện | nâng | lên | vượt | increase | increased | increases | rise |
    rose | risen | grow | grew | grown | growth | improve | improved | improves | up | gain |
    gained | climb | climbed
""")
DECREASE_CUES = _folded("""
    giảm | hạ | tụt | xuống | sụt | sụt giảm | decrease | decreased | decreases | fall | fell |
    fallen | drop | dropped | decline | declined | down | lose | lost | slip | slipped
""")

# The extreme a question asks for: "the lowest rate" is not answered by "the highest".
HIGHEST_CUES = _folded("""
    cao nhất | lớn nhất | nhiều nhất | đứng đầu | dẫn đầu | highest | largest | biggest |
    most | greatest | top
""")
LOWEST_CUES = _folded("""
    thấp nhất | nhỏ nhất | ít nhất | chậm nhất | lowest | smallest | least | fewest |
    slowest | bottom
""")

# Words that make a date a document's ("Báo cáo số 415-BC/HU, ngày 14/02/2025"): such a
# date answers when the document was issued, not when the meeting that cites it was held.
DOCUMENT_CUES = _folded("""
    báo cáo | nghị quyết | quyết định | công văn | thông báo | chỉ thị | kế hoạch số |
    văn bản | tờ trình | thông tư | nghị định | report | resolution | decision | directive |
    document | letter | dispatch | decree | circular | dated
""")
