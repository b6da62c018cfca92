"""Stage 2 (part): an English question's terms in Vietnamese, for Vietnamese-only articles.

No machine translation runs here (shared/models.md), and word matching is how BM25 and
the evidence scorer find a passage. An English question about a Vietnamese-only article
shares only its names and numbers with the article, so retrieval and unit choice rest on
the multilingual embedder alone, which mixes up reports of one genre. Dictionary-based
query translation, the classic cross-language retrieval method, closes part of the gap:
the terms of an English question found in a bilingual glossary of the genre (public
administration, budget and economy, infrastructure, land, agriculture, health, the Party
and government bodies) are added in Vietnamese, to the lexical query and to the words a
unit may share with the question.

The glossary is general vocabulary of Vietnamese provincial news, written for it; it
names no place, person or figure of any article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rag.textnorm import fold, nfc

# english | english variant ; vietnamese | vietnamese variant
_ENTRIES = """
budget revenue | state budget revenue | revenue ; thu ngân sách
budget spending | budget expenditure | expenditure ; chi ngân sách
budget ; ngân sách
estimate | budget estimate ; dự toán
public investment ; đầu tư công
investment capital ; vốn đầu tư
total investment ; tổng mức đầu tư | tổng vốn đầu tư
disbursement | disburse | disbursed ; giải ngân
foreign direct investment | fdi ; vốn đầu tư trực tiếp nước ngoài | fdi
registered capital ; vốn đăng ký
investor ; chủ đầu tư | nhà đầu tư
contractor ; nhà thầu
bidding | tender ; đấu thầu
economic growth | growth rate ; tăng trưởng kinh tế
grdp ; grdp | tổng sản phẩm trên địa bàn
export | exports ; xuất khẩu
import | imports ; nhập khẩu
import-export turnover | trade turnover ; kim ngạch xuất nhập khẩu | kim ngạch
industrial park | industrial parks | industrial zone ; khu công nghiệp
industrial cluster ; cụm công nghiệp
occupancy rate ; tỷ lệ lấp đầy
tourism | tourists | visitors ; du lịch | khách du lịch | lượt khách
international visitors | foreign visitors | international tourists | foreign tourists ; khách quốc tế | khách nước ngoài
domestic visitors | domestic tourists ; khách nội địa
retail sales ; tổng mức bán lẻ
target | targets ; chỉ tiêu | mục tiêu
plan | planned ; kế hoạch
master plan | planning ; quy hoạch
site clearance | land clearance | ground clearance ; giải phóng mặt bằng | mặt bằng
compensation | compensate ; bồi thường
resettlement ; tái định cư
land ; đất | đất đai
land use ; sử dụng đất
land price | land prices ; giá đất
households | household ; hộ | hộ dân | hộ gia đình
residents ; người dân | nhân dân
poverty | poor households ; nghèo | hộ nghèo | giảm nghèo
jobs | employment ; việc làm
unemployment | unemployed ; thất nghiệp
new rural | new-style rural ; nông thôn mới
agriculture | agricultural ; nông nghiệp
farmers ; nông dân | bà con
cooperative | cooperatives ; hợp tác xã
crop | crops ; cây trồng | vụ
rice ; lúa | gạo
durian ; sầu riêng
harvest ; thu hoạch
yield | yields | productivity ; năng suất
main season | main crop ; vụ mùa
summer-autumn crop | summer-autumn ; vụ hè thu | hè thu
winter-spring crop | winter-spring ; vụ đông xuân | đông xuân
planted | plant | sown | sowed | transplanted ; gieo cấy | gieo trồng | gieo sạ | trồng
cold storage ; kho lạnh
price | prices ; giá
traders ; thương lái
product | products ; sản phẩm
growing area code | growing area codes ; mã số vùng trồng
drought ; hạn hán | khô hạn
flood | floods | flooding ; lũ | lũ lụt | ngập
landslide | landslides ; sạt lở
saltwater intrusion | salinity ; xâm nhập mặn | độ mặn
irrigation ; thủy lợi | tưới
reservoir ; hồ chứa | hồ
dam ; đập
canal ; kênh
hydropower ; thủy điện
power line | power lines ; đường dây điện
electricity ; điện
water supply | clean water ; cấp nước | nước sạch
wastewater ; nước thải
environment | environmental ; môi trường
waste | garbage ; rác thải | chất thải
forest | forests | forestry ; rừng | lâm nghiệp
acacia ; keo
mining | mineral | minerals ; khai thác | khoáng sản
quarry ; mỏ đá | mỏ
sand ; cát
blasting | explosives ; nổ mìn | vật liệu nổ
fined | penalty | penalties ; xử phạt | phạt
violation | violations ; vi phạm
licence | license | permit ; giấy phép
revoke | revoked ; thu hồi
inspection | inspect ; kiểm tra | thanh tra
complaint | complaints | petitions ; khiếu nại | đơn thư | kiến nghị
road | roads | route ; đường | tuyến đường
national highway | highway ; quốc lộ
expressway ; cao tốc
bridge ; cầu
port | seaport ; cảng | cảng biển
berth | berths ; bến
traffic | transport ; giao thông | vận tải
construction ; xây dựng | thi công
progress | schedule ; tiến độ
behind schedule | delayed ; chậm | chậm tiến độ
completed | completion ; hoàn thành
below | fell short of | short of | failed to reach ; dưới | chưa đạt | không đạt
school | schools ; trường học | trường
national standard | national standards ; chuẩn quốc gia | đạt chuẩn quốc gia
meeting national standards | met national standards ; đạt chuẩn quốc gia
teacher | teachers ; giáo viên
education ; giáo dục
health | healthcare | medical ; y tế
hospital | hospitals ; bệnh viện
medical facility | medical facilities ; cơ sở y tế
hospital beds | beds ; giường bệnh
general hospital ; bệnh viện đa khoa
obstetrics and paediatrics hospital | obstetrics and pediatrics hospital | maternity and children's hospital ; bệnh viện sản - nhi | bệnh viện sản nhi
obstetrics hospital | maternity hospital ; bệnh viện sản | bệnh viện phụ sản
children's hospital | paediatrics hospital | pediatrics hospital ; bệnh viện nhi
health centre | health center | medical centre | medical center ; trung tâm y tế
health station | commune health station ; trạm y tế
bed occupancy | bed occupancy rate ; công suất sử dụng giường bệnh | công suất giường bệnh
nurses | nurse ; điều dưỡng
referral | referrals | transfers ; chuyển tuyến
medicine | drugs ; thuốc
dengue ; sốt xuất huyết
measles ; sởi
suspected | suspected cases ; nghi | nghi mắc | nghi ngờ
confirmed | tested positive | positive ; dương tính | khẳng định | xác định
testing | tests | tested ; xét nghiệm
malaria ; sốt rét
rubella ; rubella
flu | influenza ; cúm
tuberculosis ; lao
hand, foot and mouth disease ; tay chân miệng
cases ; ca | ca mắc
deaths | died ; tử vong
outbreak | epidemic ; dịch
disease prevention ; phòng chống dịch | phòng, chống
campaign ; chiến dịch
vaccination ; tiêm chủng
digital transformation ; chuyển đổi số
administrative reform ; cải cách hành chính
administrative procedures ; thủ tục hành chính
officials | cadres ; cán bộ
security ; an ninh | trật tự
national defence | defense ; quốc phòng
results | achievements ; kết quả
shortcomings | limitations | weaknesses ; hạn chế | tồn tại | yếu kém
difficulties | obstacles | problems ; khó khăn | vướng mắc
tasks ; nhiệm vụ
solutions | measures ; giải pháp | biện pháp
recommendations | proposals ; kiến nghị | đề xuất | đề nghị
asked | ask | asks | requested | required ; đề nghị | yêu cầu
leader | leaders | leadership ; lãnh đạo
advantages | strengths ; lợi thế | thuận lợi | tiềm năng
resolution ; nghị quyết
report ; báo cáo
conclusion | concluded ; kết luận
working session | meeting ; buổi làm việc | cuộc họp
session ; kỳ họp
provincial party standing committee | standing committee ; ban thường vụ tỉnh ủy | ban thường vụ
party committee ; đảng bộ | tỉnh ủy | huyện ủy
party secretary | secretary ; bí thư
people's council ; hội đồng nhân dân | hđnd
people's committee ; ủy ban nhân dân | ubnd
chairman | chairwoman | chairperson ; chủ tịch
vice chairman | deputy chairman ; phó chủ tịch
director ; giám đốc
department of transport ; sở giao thông vận tải
department of finance ; sở tài chính
department of planning and investment ; sở kế hoạch và đầu tư
department of health ; sở y tế
department of agriculture ; sở nông nghiệp
department of natural resources and environment ; sở tài nguyên và môi trường
department of construction ; sở xây dựng
department of industry and trade | industry and trade ; sở công thương | công thương
department of agriculture and environment ; sở nông nghiệp và môi trường
department of agriculture and rural development ; sở nông nghiệp và phát triển nông thôn
department of education and training | department of education ; sở giáo dục và đào tạo
department of home affairs ; sở nội vụ
department of justice ; sở tư pháp
department of science and technology ; sở khoa học và công nghệ
department of culture, sports and tourism | department of culture ; sở văn hóa, thể thao và du lịch | sở văn hóa
department of labour, invalids and social affairs | department of labor ; sở lao động - thương binh và xã hội
department of information and communications ; sở thông tin và truyền thông
department of foreign affairs ; sở ngoại vụ
provincial inspectorate | inspectorate ; thanh tra tỉnh | thanh tra
fatherland front ; mặt trận tổ quốc
province | provincial ; tỉnh
district ; huyện
town ; thị xã | thị trấn
commune | communes ; xã
ward | wards ; phường
first nine months | nine months ; 9 tháng
first six months | first half ; 6 tháng
quarter ; quý
year on year | same period ; cùng kỳ
increase | increased | rose ; tăng
decrease | decreased | fell ; giảm
billion ; tỷ
million ; triệu
hectare | hectares ; ha | héc ta
chaired | chairs | presided | presided over ; chủ trì
attended | attend ; tham dự
head | heads ; trưởng | người đứng đầu
deputy director ; phó giám đốc
vice secretary | deputy secretary ; phó bí thư
permanent vice chairman ; phó chủ tịch thường trực
delegates | deputies ; đại biểu
department ; sở
ministry ; bộ
ministry of health ; bộ y tế
ministry of finance ; bộ tài chính
ministry of planning and investment ; bộ kế hoạch và đầu tư
ministry of transport ; bộ giao thông vận tải
ministry of construction ; bộ xây dựng
ministry of education and training | ministry of education ; bộ giáo dục và đào tạo
ministry of agriculture and rural development | ministry of agriculture ; bộ nông nghiệp và phát triển nông thôn | bộ nông nghiệp
ministry of natural resources and environment ; bộ tài nguyên và môi trường
ministry of industry and trade ; bộ công thương
ministry of home affairs ; bộ nội vụ
ministry of public security ; bộ công an
ministry of national defence | ministry of defence ; bộ quốc phòng
government | central government ; chính phủ | trung ương
prime minister ; thủ tướng
police ; công an
court ; tòa án
army | military ; quân đội | quân sự
management board | project management board ; ban quản lý dự án | ban quản lý
company | companies | enterprise | enterprises | businesses ; công ty | doanh nghiệp
state-owned ; nhà nước
private ; tư nhân | ngoài công lập
public ; công lập
project | projects ; dự án
package | packages ; gói thầu
capacity | output ; công suất | sản lượng
exceed | exceeded | exceeds ; vượt
permitted | licensed ; được cấp phép | cấp phép
deadline ; thời hạn | hạn
comply | complied ; chấp hành | thực hiện
handle | handled | dealt with ; xử lý
review | reviewed ; rà soát
direct | directed | instructed | ordered ; chỉ đạo
assigned | assign ; giao
proposed | propose | proposal ; đề xuất | đề nghị | kiến nghị
approved | approve | approval ; phê duyệt | thông qua | chấp thuận
allocate | allocated | allocation ; bố trí | phân bổ
transfer | shift | shifted ; điều chuyển | chuyển
support | supported | assistance | aid ; hỗ trợ
emergency ; khẩn cấp
relocate | relocated | relocation | evacuate | evacuated ; di dời | sơ tán
damage | damaged | losses ; thiệt hại | hư hỏng
collapsed | destroyed ; sập | sập đổ
swept away ; cuốn trôi
injured ; bị thương
missing ; mất tích
rescue ; cứu hộ | cứu nạn
storm | typhoon ; bão
rain | rainfall | heavy rain ; mưa | mưa lớn
disaster | natural disaster ; thiên tai
risk | high-risk ; nguy cơ
cause | causes | reason | reasons ; nguyên nhân
shortage | short of | lack | lacking ; thiếu
surplus ; thừa
average | national average ; bình quân | trung bình
rate ; tỷ lệ
ratio | competition ratio ; tỷ lệ chọi | tỷ lệ
total ; tổng | tổng số
per household ; mỗi hộ
per person | per capita ; bình quân đầu người | mỗi người
students | pupils ; học sinh
candidates ; thí sinh
exam | examination ; kỳ thi | thi
enrolment | admission | entrance ; tuyển sinh
grade ; lớp
classroom | classrooms ; phòng học
school year ; năm học
high school | upper secondary ; trung học phổ thông | thpt
lower secondary ; trung học cơ sở | thcs
kindergarten | preschool ; mầm non
primary ; tiểu học
subject | subjects ; môn | môn học
vocational ; học nghề | nghề
staff | staffing | payroll ; biên chế | nhân sự
recruit | recruited | recruitment ; tuyển dụng
patients ; bệnh nhân | người bệnh
doctor | doctors ; bác sĩ
fever ; sốt
symptoms ; dấu hiệu | triệu chứng
treatment ; điều trị
insurance | health insurance ; bảo hiểm | bảo hiểm y tế
social security | social welfare ; an sinh xã hội
housing ; nhà ở
houses | house ; nhà | căn nhà | ngôi nhà
population ; dân số
workers | labourers ; lao động | công nhân
income ; thu nhập
wages | salary ; lương | tiền lương
fishing | fishermen ; đánh bắt | ngư dân
fisheries | aquaculture ; thủy sản | nuôi trồng thủy sản
livestock ; chăn nuôi
coffee ; cà phê
fruit ; trái cây | cây ăn quả
market | markets ; thị trường | chợ
trade | commerce ; thương mại
festival ; lễ hội
culture | cultural ; văn hóa
sea | coast | coastal | beach ; biển | ven biển | bãi biển
embankment | dyke ; kè | đê
river ; sông
water ; nước
drainage ; thoát nước
urban | city ; đô thị | thành phố
urban area | new urban area ; khu đô thị
infrastructure ; hạ tầng | cơ sở hạ tầng
airport ; sân bay | cảng hàng không
railway ; đường sắt
km | kilometres ; km
tonnes | tons ; tấn
cubic metres | m3 ; m3
decision ; quyết định
document | official letter | dispatch ; công văn | văn bản
plan of action | action plan ; kế hoạch hành động
programme | program ; chương trình
policy | policies ; chính sách
mechanism ; cơ chế
regulation | regulations ; quy định
law ; luật | pháp luật
land use rights certificate | land certificates | red book ; giấy chứng nhận quyền sử dụng đất | sổ đỏ
auction ; đấu giá
land revenue ; thu tiền sử dụng đất
tax | taxes ; thuế
debt | arrears ; nợ
bank | loans | credit ; ngân hàng | vay | tín dụng
prices of materials | material prices ; giá vật liệu
materials | construction materials ; vật liệu | vật liệu xây dựng
fill soil | earth fill ; đất đắp
responsibility | responsible ; trách nhiệm
discipline ; kỷ luật | xử lý
corruption ; tham nhũng
party members ; đảng viên
grassroots ; cơ sở
village | hamlet ; thôn | bản | ấp
mountainous ; miền núi
ethnic minority ; đồng bào dân tộc thiểu số | dân tộc thiểu số
"""

_SPLIT = re.compile(r"\s*\|\s*")


@lru_cache(maxsize=1)
def _pairs() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(English forms, Vietnamese forms) of every entry, lower case, as written; the
    entries with the longest English forms first, so a longer term is matched first."""
    out = []
    for line in _ENTRIES.strip().splitlines():
        english, vietnamese = line.split(";")
        out.append((tuple(_SPLIT.split(english.strip().lower())),
                    tuple(nfc(v) for v in _SPLIT.split(vietnamese.strip().lower()))))
    return tuple(sorted(out, key=lambda pair: -max(map(len, pair[0]))))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word of the glossary's English forms: words a translation renders, so a
    capitalised one in a question ("Department of Industry and Trade") is not a
    Vietnamese name written without accents."""
    return frozenset(w for english, _ in _pairs() for form in english
                     for w in re.findall(r"[a-z]+", form))


@lru_cache(maxsize=1)
def vietnamese_words() -> frozenset[str]:
    """Every word of the glossary's Vietnamese forms, accent-folded: words a translation
    renders, so a capitalised run of them ("Bệnh viện Đa khoa") is a body's description,
    not a name a translation keeps as written."""
    return frozenset(w for _, vietnamese in _pairs() for form in vietnamese
                     for w in fold(form).split())


def other_language_terms(question: str) -> str:
    """The Vietnamese words of the glossary's terms that an English ``question``
    contains, longest terms first, each once ("" if none). Only this direction: added
    to a Vietnamese question, English terms pulled the translation's passages above the
    original's (measured on devgen), and Vietnamese-only articles are the common case."""
    found: list[str] = []
    for forms in glossed_terms(question):
        found += [t for t in forms if t not in found]
    return " ".join(found)


def glossed_terms(question: str) -> tuple[tuple[str, ...], ...]:
    """The Vietnamese forms of each glossary term an English ``question`` contains. A
    term inside a longer one that matched is not looked up again ("budget revenue"
    gives "thu ngân sách", not also "ngân sách")."""
    text = " " + " ".join(question.replace("’", "'").lower().split()) + " "
    found: list[tuple[str, ...]] = []
    for english, vietnamese in _pairs():
        hit = next((f for f in english if _pattern(f).search(text)), None)
        if hit is not None:
            text = _pattern(hit).sub(" ", text)
            found.append(vietnamese)
    return tuple(found)


@lru_cache(maxsize=256)
def named_bodies(question: str) -> tuple[tuple[str, ...], ...]:
    """The Vietnamese forms of each glossary term of several words that an English
    ``question`` writes as a name ("the Obstetrics and Paediatrics Hospital", "the
    Ministry of Health"): a body the question is about, which a Vietnamese unit must name
    in its own words to be about it. Terms in lower case ("the general hospital's
    beds") are the genre's vocabulary and name nothing."""
    text = " " + " ".join(question.replace("’", "'").split()) + " "
    lower = text.lower()
    found: list[tuple[str, ...]] = []
    for english, vietnamese in _pairs():
        for form in (f for f in english if " " in f):
            hit = _pattern(form).search(lower)
            if hit and _capitalised(text[hit.start():hit.end()]):
                found.append(vietnamese)
                lower = lower[:hit.start()] + " " * (hit.end() - hit.start()) + lower[hit.end():]
                break
    return tuple(found)


def _capitalised(phrase: str) -> bool:
    """Is every word of ``phrase`` but its joining words written with a capital?"""
    return all(w[0].isupper() for w in phrase.split() if w.lower() not in _JOINING)


_JOINING = frozenset({"and", "of", "for", "the", "on", "in", "&"})


def vietnamese_forms(term: str) -> tuple[str, ...]:
    """The Vietnamese forms of the entry whose English forms include ``term`` (a word
    or phrase as the question writes it, plural -s allowed), else ()."""
    text = f" {' '.join(term.lower().split())} "
    return next((vietnamese for english, vietnamese in _pairs()
                 if any(_pattern(f).fullmatch(text.strip()) for f in english)), ())


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern[str]:
    """Whole words; an English word may take a plural -s."""
    return re.compile(rf"(?<!\w){re.escape(phrase)}s?(?!\w)")
