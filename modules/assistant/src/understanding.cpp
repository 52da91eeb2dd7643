// Phrase lists and rules for language, facets and intents. Phrases are matched as whole words on the folded
// text (accents removed, abbreviations expanded); a few that are ambiguous without accents are matched on the
// accented text only, when the citizen typed accents.
#include "understanding.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace precinct::assistant {
namespace {

using Phrases = std::initializer_list<std::string_view>;

bool Has(const std::string& padded, std::string_view phrase) {
    std::string needle;
    needle.reserve(phrase.size() + 2);
    needle.push_back(' ');
    needle.append(phrase);
    needle.push_back(' ');
    return padded.find(needle) != std::string::npos;
}

bool HasAny(const std::string& padded, Phrases phrases) {
    return std::any_of(phrases.begin(), phrases.end(), [&](std::string_view p) { return Has(padded, p); });
}

struct FacetPhrases {
    Facet facet;
    Phrases phrases;
};

// Folded phrases. English forms are stemmed the way the analyzer stems ("fees" -> "fee") before matching, so
// both are listed in their base form.
const FacetPhrases kFacetPhrases[] = {
    {Facet::kFee,
     {"phi", "le phi", "bao nhieu tien", "het bao nhieu", "mat bao nhieu tien", "ton bao nhieu", "mat tien",
      "ton tien", "mat phi", "mien phi", "tien", "gia", "chi phi", "dong tien", "nop tien", "fee", "cost",
      "how much", "price", "charge", "pay", "free", "free of charge"}},
    {Facet::kTime,
     {"bao lau", "may ngay", "bao nhieu ngay", "thoi han", "thoi gian", "khi nao co", "bao gio co", "lau khong",
      "lau ko", "mat bao lau", "trong bao lau", "han", "may hom", "how long", "how many day", "time limit",
      "deadline", "when will", "when can i get", "processing time", "within"}},
    {Facet::kDocuments,
     {"giay to", "ho so", "can gi", "can nhung gi", "mang gi", "mang theo", "chuan bi", "gom nhung gi",
      "to khai", "can giay", "document", "paper", "what do i need", "bring", "what to bring", "form"}},
    {Facet::kWhere,
     {"o dau", "noi nao", "cho nao", "co quan nao", "nop o", "den dau", "lam o", "dia chi", "nop tai", "where",
      "which office", "what office", "office"}},
    {Facet::kOnline,
     {"online", "truc tuyen", "qua mang", "tren mang", "dich vu cong", "tai nha", "qua app", "tren app",
      "ung dung", "internet", "qua vneid", "tren vneid", "vneid", "onl", "from home", "on the app", "website",
      "portal"}},
    {Facet::kEligibility,
     {"ai duoc", "ai phai", "dieu kien", "doi tuong", "bat buoc", "co phai lam", "co can lam", "co bat buoc",
      "duoc phep", "co duoc khong", "who can", "eligible", "eligibility", "do i need to", "must i", "required",
      "am i allowed", "can a foreigner", "who must"}},
    {Facet::kSteps,
     {"cac buoc", "quy trinh", "trinh tu", "thu tuc the nao", "thu tuc nhu the nao", "lam the nao", "lam sao",
      "cach lam", "huong dan", "how do i", "how to", "step", "process", "procedure for", "how can i"}},
    {Facet::kLegal,
     {"can cu", "luat nao", "van ban nao", "quy dinh o dau", "nghi dinh nao", "thong tu nao", "dieu may",
      "theo luat", "co so phap ly", "legal basis", "which law", "what law", "regulation"}},
};

// Function words, question words and facet words: what is left after them is the topic.
const std::unordered_set<std::string_view> kFunctionWords{
    // Vietnamese (folded)
    "toi", "minh", "em", "anh", "chi", "ban", "a", "ah", "ak", "oi", "thi", "la", "co", "khong", "duoc", "cho",
    "cua", "va", "voi", "de", "nay", "do", "kia", "nhe", "nha", "vay", "the", "nao", "gi", "sao", "ra", "vao",
    "di", "lam", "can", "phai", "muon", "hoi", "xin", "vui", "long", "giup", "con", "roi", "nhu", "bao", "nhieu",
    "lau", "o", "dau", "khi", "mot", "cac", "nhung", "ve", "tu", "den", "trong", "hay", "hoac", "neu", "ma", "ai",
    "phi", "tien", "le", "gio", "ngay", "may", "han", "thoi", "gian", "online", "truc", "tuyen", "mang", "giay",
    "ho", "so", "dieu", "kien", "buoc", "thu", "tuc", "cach", "huong", "dan", "luat", "can", "cu", "mat", "het",
    "ton", "cam", "on", "chao", "thay", "duoc", "them", "nua", "vs", "u", "uh", "vang", "da", "dc", "k", "ko",
    "cung", "van", "nua", "luon", "sao", "biet", "xem", "tai", "qua", "tren", "bang", "moi", "vneid", "app",
    "ung", "dung", "nop", "dau",
    // English
    "the", "an", "i", "my", "me", "to", "for", "of", "in", "on", "does", "is", "are", "how", "what", "where",
    "when", "which", "who", "why", "it", "this", "that", "with", "you", "your", "please", "need", "get", "have",
    "should", "want", "would", "about", "much", "many", "long", "fee", "cost", "time", "day", "document", "paper",
    "step", "process", "office", "law", "hello", "hi", "thank", "thanks", "there", "be", "and", "or", "if", "at",
    "from", "by", "any", "some", "also", "still", "then", "so", "just", "tell", "know", "take", "make", "much",
    "price", "pay", "free", "online", "apply", "application", "done", "doe", "am", "we", "our", "they", "them",
    "their", "was", "were", "been", "will", "do", "as", "all", "more", "than", "up", "out", "into", "via"};

// English words that are also well-formed Vietnamese syllables when folded; they do not count as Vietnamese.
const std::unordered_set<std::string_view> kEnglishLookingSyllables{
    "the", "to", "a", "an", "in", "on", "me", "my", "i", "can", "he", "she", "we", "be", "no", "so", "go", "hi",
    "do", "it", "at", "ok", "long", "much", "tell", "thanh", "card", "then", "them", "than", "that", "up", "all"};
// Words of both languages (brands, loanwords): they count for neither.
const std::unordered_set<std::string_view> kNeutral{"vneid", "online", "app", "email", "sms", "id", "passport",
                                                     "visa", "website", "internet", "pccc", "qr", "otp", "ok",
                                                     "zalo", "facebook", "atm", "karaoke", "gas", "camera"};

constexpr std::array<std::string_view, 27> kOnsets{"",  "b",  "c",  "ch", "d",  "g",  "gh", "gi", "h",
                                                   "k", "kh", "l",  "m",  "n",  "ng", "ngh", "nh", "p",
                                                   "ph", "q", "r",  "s",  "t",  "th", "tr", "v",  "x"};
constexpr std::array<std::string_view, 9> kFinals{"", "c", "ch", "m", "n", "ng", "nh", "p", "t"};

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

// Emergency vocabulary. Danger words say what; urgency cues say it is happening now.
struct DangerWords {
    EmergencyKind kind;
    Phrases accented;  // matched on accented text when the citizen typed accents
    Phrases folded;    // matched on folded text always (only forms that are unambiguous without accents)
};

const DangerWords kDanger[] = {
    {EmergencyKind::kFire,
     {"cháy", "hỏa hoạn", "bốc cháy", "nổ", "khói", "rò rỉ khí", "rò gas", "rò ga", "cháy nổ"},
     {"chay nha", "dang chay", "boc chay", "hoa hoan", "chay lon", "khoi bay", "ro ri khi", "ro gas", "fire",
      "smoke", "explosion", "burning", "gas leak", "on fire"}},
    {EmergencyKind::kRescue,
     {"mắc kẹt", "kẹt thang máy", "đuối nước", "chết đuối", "sập nhà", "sập", "rơi xuống giếng", "lũ cuốn",
      "sạt lở"},
     {"mac ket", "ket thang may", "duoi nuoc", "chet duoi", "sap nha", "roi xuong gieng", "trapped", "drowning",
      "collapsed", "stuck in"}},
    {EmergencyKind::kViolence,
     {"đánh nhau", "bị đánh", "đâm", "chém", "cướp", "bắt cóc", "giết", "bạo hành", "hiếp", "dí dao", "đe dọa giết",
      "trộm đang", "ẩu đả", "súng"},
     {"danh nhau", "bi danh", "dam chem", "bat coc", "bao hanh", "cuop giat", "an cuop", "dang an trom",
      "fight", "fighting", "stabbed", "robbery", "robbing", "attacked", "attacking", "kidnapped", "gun", "knife",
      "break in", "breaking in", "assault"}},
    {EmergencyKind::kTraffic,
     {"tai nạn", "đâm xe", "tông xe", "lật xe"},
     {"tai nan giao thong", "dam xe", "tong xe", "lat xe", "car crash", "accident", "crash"}},
    {EmergencyKind::kMedical,
     {"ngất", "bất tỉnh", "đau tim", "khó thở", "co giật", "ngộ độc", "chảy máu"},
     {"bat tinh", "dau tim", "kho tho", "co giat", "ngo doc", "chay mau", "unconscious", "heart attack",
      "not breathing", "bleeding", "overdose"}},
};

const Phrases kUrgentAccented{"đang", "ngay", "cứu", "gấp", "khẩn cấp", "nguy hiểm", "giúp tôi", "giúp với",
                              "bây giờ", "lúc này", "trước mặt", "ngay bây giờ", "có người", "kêu cứu"};
const Phrases kUrgentFolded{"dang", "cuu", "cuu voi", "cuu toi", "gap", "khan cap", "nguy hiem", "giup toi",
                            "bay gio", "help", "now", "right now", "emergency", "urgent", "happening", "please help",
                            "someone is", "is on fire", "are fighting", "being"};
// Procedural talk about these subjects is not an emergency: "phòng cháy chữa cháy", "báo cháy giả", a past event.
const Phrases kNotEmergencyFolded{"phong chay", "chua chay", "phong chay chua chay", "tham dinh", "nghiem thu",
                                  "bao chay gia", "bao gia", "thu tuc", "giay phep", "hom qua", "tuan truoc",
                                  "thang truoc", "nam ngoai", "hom truoc", "fire safety", "fire prevention",
                                  "false alarm", "yesterday", "last week", "last month", "how to", "how do i",
                                  "chay no", "nguy co", "fire hazard", "procedure"};

const Phrases kGreetings{"xin chao", "chao", "chao ban", "chao em", "alo", "hello", "hi", "hey", "good morning",
                         "good afternoon", "good evening"};
const Phrases kThanks{"cam on", "cam on ban", "thank", "thank you", "thanks", "tks", "thanks a lot", "ok cam on"};
const Phrases kHuman{"gap can bo", "noi chuyen voi can bo", "gap nguoi", "noi chuyen voi nguoi", "nhan vien",
                     "tu van vien", "can bo tu van", "nguoi that", "chuyen cho can bo", "gap cong an",
                     "human", "real person", "officer", "talk to someone", "speak to someone", "agent", "operator"};
const Phrases kReport{"trinh bao", "muon bao", "muon trinh bao", "toi muon to giac", "muon to giac", "muon phan anh",
                      "phan anh", "bi lua", "bi lua dao", "bi mat", "toi bi mat", "bi trom", "bi cuop", "mat cap",
                      "bao mat", "khai bao mat", "lam don trinh bao", "nop don", "to cao", "report", "i lost",
                      "i was scammed", "was stolen", "got scammed", "stolen", "file a report", "make a report",
                      "want to report", "to report"};
const Phrases kQuestion{"thu tuc", "lam sao", "lam the nao", "the nao", "nhu the nao", "o dau", "bao lau", "can gi",
                        "co can", "co phai", "co duoc", "duoc khong", "khong a", "khong nhi", "how", "what",
                        "where", "when", "which", "can i", "do i", "should i", "is it", "huong dan", "quy trinh",
                        "bao nhieu", "ai"};
const Phrases kYes{"co", "dong y", "dung", "dung roi", "ok", "oke", "okay", "vang", "da", "u", "uh", "yes", "yep",
                   "yeah", "sure", "correct", "gui", "gui di", "xac nhan", "confirm", "chinh xac", "duoc"};
const Phrases kNo{"khong", "sai", "chua dung", "no", "nope", "wrong", "khong dung"};
const Phrases kCancel{"huy", "huy bo", "thoi", "khong bao nua", "dung lai", "cancel", "stop", "quit", "bo qua"};
const Phrases kAnonymous{"an danh", "giau ten", "khong muon cung cap", "khong cung cap", "anonymous",
                         "without my name", "no phone"};

void AddFacet(std::vector<Facet>& facets, Facet f) {
    if (std::find(facets.begin(), facets.end(), f) == facets.end()) facets.push_back(f);
}

}  // namespace

std::string_view LangCode(Lang l) { return l == Lang::kEn ? "en" : "vi"; }

bool IsVietnameseSyllable(std::string_view s) {
    if (s.empty() || s.size() > 7) return false;
    for (char c : s) {
        if (c < 'a' || c > 'z') return false;
    }
    for (std::string_view onset : kOnsets) {
        if (!s.starts_with(onset)) continue;
        std::string_view rest = s.substr(onset.size());
        if (onset == "q") {
            if (!rest.starts_with('u')) continue;
            rest.remove_prefix(1);
        }
        std::size_t v = 0;
        while (v < rest.size() && IsVowel(rest[v])) ++v;
        if (v == 0 && onset != "gi") continue;
        if (v > 3) continue;
        const std::string_view final_part = rest.substr(v);
        if (std::find(kFinals.begin(), kFinals.end(), final_part) != kFinals.end()) return true;
    }
    return false;
}

std::string FindPhoneNumber(std::string_view text) {
    std::string digits;
    auto flush = [&]() -> std::string {
        std::string d = digits;
        digits.clear();
        if (d.starts_with("84") && d.size() == 11) d = "0" + d.substr(2);
        if (d.size() == 10 && d[0] == '0') return d;
        return {};
    };
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char c = i < text.size() ? text[i] : '\0';
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        } else if ((c == ' ' || c == '.' || c == '-') && !digits.empty() && i + 1 < text.size() &&
                   std::isdigit(static_cast<unsigned char>(text[i + 1]))) {
            continue;  // separators inside a number
        } else if (c == '+' && digits.empty()) {
            continue;
        } else if (!digits.empty()) {
            if (std::string found = flush(); !found.empty()) return found;
        }
    }
    return {};
}

Understanding Understander::Understand(std::string_view message) const {
    Understanding u;
    u.analysis = analyzer_->Analyze(message);
    u.terms = analyzer_->Terms(u.analysis);
    u.folded = " ";
    u.accented = " ";
    int english = 0, vietnamese = 0;
    for (std::size_t i = 0; i < u.analysis.folded.size(); ++i) {
        const std::string stem = text::StemEnglish(u.analysis.folded[i]);
        u.folded += stem + " ";
        u.accented += u.analysis.accented[i] + " ";
        const std::string& f = u.analysis.folded[i];
        if (kNeutral.count(f) != 0 || std::isdigit(static_cast<unsigned char>(f[0]))) continue;
        if (kEnglishLookingSyllables.count(f) != 0) ++english;
        else if (IsVietnameseSyllable(f)) ++vietnamese;
        else ++english;
    }
    u.lang = (!u.analysis.had_diacritics && english > vietnamese) ? Lang::kEn : Lang::kVi;

    for (const FacetPhrases& fp : kFacetPhrases) {
        if (HasAny(u.folded, fp.phrases)) AddFacet(u.facets, fp.facet);
    }
    // "bao nhiêu" alone asks for an amount: days when "ngày" follows, money otherwise.
    if (Has(u.folded, "bao nhieu") && !Has(u.folded, "bao nhieu ngay") &&
        std::find(u.facets.begin(), u.facets.end(), Facet::kTime) == u.facets.end()) {
        AddFacet(u.facets, Facet::kFee);
    }
    for (const std::string& f : u.analysis.folded) {
        if (kFunctionWords.count(f) == 0) ++u.content_words;
    }

    const std::size_t words = u.analysis.folded.size();
    u.greeting = words <= 4 && HasAny(u.folded, kGreetings);
    u.thanks = words <= 6 && HasAny(u.folded, kThanks);
    u.wants_human = HasAny(u.folded, kHuman);
    u.question = HasAny(u.folded, kQuestion) || message.find('?') != std::string_view::npos;
    u.wants_report = HasAny(u.folded, kReport);
    u.yes = words <= 4 && HasAny(u.folded, kYes) && !HasAny(u.folded, {"khong", "no", "chua"});
    u.no = words <= 4 && HasAny(u.folded, kNo) && !u.yes;
    u.cancel = words <= 6 && HasAny(u.folded, kCancel);
    u.anonymous = HasAny(u.folded, kAnonymous);

    if (!HasAny(u.folded, kNotEmergencyFolded)) {
        const bool urgent = HasAny(u.folded, kUrgentFolded) ||
                            (u.analysis.had_diacritics && HasAny(u.accented, kUrgentAccented)) ||
                            message.find('!') != std::string_view::npos;
        for (const DangerWords& d : kDanger) {
            const bool danger =
                HasAny(u.folded, d.folded) || (u.analysis.had_diacritics && HasAny(u.accented, d.accented));
            if (!danger || !urgent) continue;
            Emergency e;
            e.kind = d.kind;
            switch (d.kind) {
                case EmergencyKind::kFire: e.line = "114", e.category = "FIRE"; break;
                case EmergencyKind::kRescue: e.line = "114", e.category = "RESCUE"; break;
                case EmergencyKind::kViolence: e.line = "113", e.category = "CRIME-VIOLENT"; break;
                case EmergencyKind::kTraffic: e.line = "113", e.category = "TRAFFIC"; break;
                case EmergencyKind::kMedical: e.line = "115"; break;
            }
            u.emergency = e;
            break;
        }
    }
    return u;
}

}  // namespace precinct::assistant
