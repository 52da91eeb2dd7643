// Character and word error rates of OCR output against ground truth, for one or more OCR systems side by side, per
// group of pages (a corpus variant, the DC01 form) and overall.
//
// CER = Levenshtein distance over Unicode code points / code points of the truth; WER = the same over words / words of
// the truth. Both texts are first put in NFC, every run of whitespace becomes one space and leading and trailing
// whitespace goes; words are what lies between spaces. Rates are pooled over a group's pages (total edits / total
// truth length), not averages of page rates. An OCR output holds pages separated by form feeds (\f), as tesseract's
// and OCRmyPDF's text outputs do; page k of the output is scored against the k-th truth. A page absent from the
// output (a missing file or fewer pages) is scored as empty text and counted as missing.
//
// Form mode (for DC01, whose fill-in lines are runs of dots or of "…"): before scoring, every run of leader characters
// (. … ‥ · _, possibly with spaces between them) that holds two or more of them, or any of … ‥ _, becomes one space, in
// the truth and in the OCR text alike; a lone full stop stays. Raw CER on such a page mostly counts dots.
//
//   precinct_ocr_score [--form] OCR.txt TRUTH.txt [TRUTH.txt ...]        pages of one output, in order
//   precinct_ocr_score [--form] [--no-total] [--summary FILE] [--details FILE] --system NAME=LIST [--system ...]
//
// LIST is a tab-separated file of rows "group  mode  ocr-file  page  truth-file" (mode text or form, page 1-based;
// relative paths start from the list's folder; lines starting with # are skipped); --form scores every row in form
// mode. --summary writes one row per system and group (and "all"), --details one per page, both tab-separated with a
// header.
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/normalize.hpp"

namespace precinct::bench_ocr {
namespace {

namespace fs = std::filesystem;

class Failure : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

using CodePoints = std::vector<char32_t>;

std::optional<std::string> ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

CodePoints Decode(const std::string& utf8) {  // valid UTF-8 (text::Nfc replaced anything else)
    CodePoints out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
    const auto length = static_cast<std::int32_t>(utf8.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    }
    return out;
}

bool IsSpace(char32_t c) { return u_isUWhiteSpace(static_cast<UChar32>(c)) != 0 || c == U'\u200B'; }

bool IsLeader(char32_t c) { return c == U'.' || c == U'…' || c == U'‥' || c == U'·' || c == U'_'; }

// Form mode: leader runs (see the file comment) become one space.
CodePoints StripLeaders(const CodePoints& in) {
    CodePoints out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        if (!IsLeader(in[i])) {
            out.push_back(in[i++]);
            continue;
        }
        std::size_t end = i, leaders = 0;  // end: one past the run's last leader
        bool strong = false;
        for (std::size_t j = i; j < in.size() && (IsLeader(in[j]) || IsSpace(in[j])); ++j) {
            if (IsLeader(in[j])) {
                ++leaders;
                strong = strong || (in[j] != U'.' && in[j] != U'·');
                end = j + 1;
            }
        }
        if (leaders >= 2 || strong) {
            out.push_back(U' ');
        } else {
            out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(i),
                       in.begin() + static_cast<std::ptrdiff_t>(end));
        }
        i = end;
    }
    return out;
}

CodePoints CollapseSpaces(const CodePoints& in) {
    CodePoints out;
    out.reserve(in.size());
    for (const char32_t c : in) {
        if (IsSpace(c)) {
            if (!out.empty() && out.back() != U' ') out.push_back(U' ');
        } else {
            out.push_back(c);
        }
    }
    if (!out.empty() && out.back() == U' ') out.pop_back();
    return out;
}

CodePoints Normalize(const std::string& utf8, bool form) {
    CodePoints cps = Decode(text::Nfc(utf8));
    if (form) cps = StripLeaders(cps);
    return CollapseSpaces(cps);
}

std::vector<std::uint32_t> Words(const CodePoints& text, std::unordered_map<std::u32string, std::uint32_t>& ids) {
    std::vector<std::uint32_t> out;
    std::u32string word;
    auto flush = [&] {
        if (word.empty()) return;
        out.push_back(ids.emplace(word, static_cast<std::uint32_t>(ids.size())).first->second);
        word.clear();
    };
    for (const char32_t c : text) {
        if (c == U' ') {
            flush();
        } else {
            word.push_back(c);
        }
    }
    flush();
    return out;
}

// Levenshtein distance (unit costs), with the common prefix and suffix skipped first.
template <typename T>
std::size_t Distance(const std::vector<T>& a, const std::vector<T>& b) {
    std::size_t start = 0, end_a = a.size(), end_b = b.size();
    while (start < end_a && start < end_b && a[start] == b[start]) ++start;
    while (end_a > start && end_b > start && a[end_a - 1] == b[end_b - 1]) --end_a, --end_b;
    const std::size_t n = end_a - start, m = end_b - start;
    if (n == 0) return m;
    if (m == 0) return n;
    std::vector<std::size_t> row(m + 1);
    for (std::size_t j = 0; j <= m; ++j) row[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        const T& x = a[start + i - 1];
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (x == b[start + j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[m];
}

struct Tally {
    std::size_t pages = 0, missing = 0, chars = 0, char_edits = 0, words = 0, word_edits = 0;
    bool form = false;
    void Add(const Tally& t) {
        pages += t.pages;
        missing += t.missing;
        chars += t.chars;
        char_edits += t.char_edits;
        words += t.words;
        word_edits += t.word_edits;
        form = form || t.form;
    }
    double Cer() const { return chars == 0 ? 0 : 100.0 * static_cast<double>(char_edits) / static_cast<double>(chars); }
    double Wer() const { return words == 0 ? 0 : 100.0 * static_cast<double>(word_edits) / static_cast<double>(words); }
};

struct Row {
    std::string group;
    bool form = false;
    fs::path ocr;
    std::size_t page = 1;
    fs::path truth;
};

std::vector<Row> ReadList(const fs::path& path) {
    const auto content = ReadFile(path);
    if (!content) throw Failure(fmt::format("cannot read {}", path.string()));
    std::vector<Row> rows;
    std::istringstream in(*content);
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cols;
        std::stringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, '\t')) cols.push_back(cell);
        if (cols.size() != 5 || (cols[1] != "text" && cols[1] != "form")) {
            throw Failure(
                fmt::format("{}:{}: want group, text|form, ocr-file, page, truth-file", path.string(), line_no));
        }
        std::size_t page = 0;
        try {
            page = std::stoul(cols[3]);
        } catch (const std::exception&) {
        }
        if (page == 0) throw Failure(fmt::format("{}:{}: bad page number '{}'", path.string(), line_no, cols[3]));
        const fs::path base = path.parent_path();  // relative paths are relative to the list's folder
        rows.push_back({cols[0], cols[1] == "form", base / cols[2], page, base / cols[4]});
    }
    return rows;
}

struct System {
    std::string name;
    std::vector<Row> rows;
    std::map<std::string, Tally> groups;
    Tally all;
    std::vector<std::string> notes;
};

struct PageScore {
    std::string group;
    std::string ocr, truth;
    std::size_t page;
    Tally tally;
};

// Scores every row of the system; returns the per-page results in row order. With check_extra_pages, an output with
// more non-empty pages than the rows score gets a note.
std::vector<PageScore> Score(System& sys, bool force_form, bool check_extra_pages) {
    std::map<fs::path, std::optional<std::vector<std::string>>> outputs;  // OCR file -> its pages
    std::map<fs::path, std::size_t> highest_page;
    std::unordered_map<std::u32string, std::uint32_t> word_ids;
    std::vector<PageScore> pages;
    for (const Row& row : sys.rows) {
        auto [it, fresh] = outputs.try_emplace(row.ocr);
        if (fresh) {
            if (const auto content = ReadFile(row.ocr)) {
                std::vector<std::string> split;
                std::stringstream in(*content);
                std::string page;
                while (std::getline(in, page, '\f')) split.push_back(page);
                it->second = std::move(split);
            }
        }
        highest_page[row.ocr] = std::max(highest_page[row.ocr], row.page);
        const auto truth_text = ReadFile(row.truth);
        if (!truth_text) throw Failure(fmt::format("cannot read the truth {}", row.truth.string()));
        const bool form = force_form || row.form;
        Tally t;
        t.pages = 1;
        t.form = form;
        std::string ocr_text;
        if (it->second && row.page <= it->second->size()) {
            ocr_text = (*it->second)[row.page - 1];
        } else {
            t.missing = 1;
        }
        const CodePoints truth = Normalize(*truth_text, form);
        const CodePoints ocr = Normalize(ocr_text, form);
        t.chars = truth.size();
        t.char_edits = Distance(ocr, truth);
        const auto truth_words = Words(truth, word_ids);
        t.words = truth_words.size();
        t.word_edits = Distance(Words(ocr, word_ids), truth_words);
        sys.groups[row.group].Add(t);
        sys.all.Add(t);
        pages.push_back({row.group, row.ocr.string(), row.truth.string(), row.page, t});
    }
    for (const auto& [path, split] : outputs) {
        if (!split) {
            sys.notes.push_back(fmt::format("{}: no output {} (its pages scored as empty)", sys.name, path.string()));
            continue;
        }
        std::size_t non_empty = split->size();
        while (non_empty > 0 && CollapseSpaces(Decode((*split)[non_empty - 1])).empty()) --non_empty;
        if (check_extra_pages && non_empty > highest_page[path]) {
            sys.notes.push_back(fmt::format("{}: {} has {} pages, only {} scored", sys.name, path.string(), non_empty,
                                            highest_page[path]));
        }
    }
    return pages;
}

std::string Percent(double v) { return fmt::format("{:.2f}%", v); }

void PrintTable(const std::vector<System>& systems, bool total, std::ostream& out) {
    std::vector<std::string> order;  // groups in order of first appearance
    for (const auto& sys : systems) {
        for (const auto& row : sys.rows) {
            if (std::find(order.begin(), order.end(), row.group) == order.end()) order.push_back(row.group);
        }
    }
    std::size_t width = 7;
    for (const auto& g : order) width = std::max(width, g.size() + 4);
    out << fmt::format("{:<{}} {:>5} {:>7}", "", width, "", "");
    for (const auto& sys : systems) out << fmt::format(" | {:^17}", sys.name.substr(0, 17));
    out << "\n" << fmt::format("{:<{}} {:>5} {:>7}", "group", width, "pages", "chars");
    for (std::size_t i = 0; i < systems.size(); ++i) out << fmt::format(" | {:>8} {:>8}", "CER", "WER");
    out << "\n";
    bool any_form = false;
    auto line = [&](const std::string& label, auto tally_of) {
        const Tally& first = tally_of(systems.front());
        out << fmt::format("{:<{}} {:>5} {:>7}", label, width, first.pages, first.chars);
        for (const auto& sys : systems) {
            const Tally& t = tally_of(sys);
            out << fmt::format(" | {:>8} {:>8}", Percent(t.Cer()), Percent(t.Wer()));
        }
        out << "\n";
    };
    for (const auto& g : order) {
        const bool form = std::any_of(systems.begin(), systems.end(), [&](const System& s) {
            const auto it = s.groups.find(g);
            return it != s.groups.end() && it->second.form;
        });
        any_form = any_form || form;
        line(form ? g + " (*)" : g, [&](const System& s) -> const Tally& {
            static const Tally kNone;
            const auto it = s.groups.find(g);
            return it == s.groups.end() ? kNone : it->second;
        });
    }
    if (total && order.size() > 1) line("all", [](const System& s) -> const Tally& { return s.all; });
    if (any_form) {
        out << "(*) form mode: runs of dot leaders and ellipses (. … · _) removed from the OCR text and the truth "
               "before scoring\n";
    }
    for (const auto& sys : systems) {
        if (sys.all.missing > 0)
            out << fmt::format("{}: {} pages missing from the output, scored as empty\n", sys.name, sys.all.missing);
        for (const auto& note : sys.notes) out << "note: " << note << "\n";
    }
}

void WriteSummary(const std::vector<System>& systems, const fs::path& path) {
    std::ofstream out(path);
    out << "system\tgroup\tmode\tpages\tmissing\tchars\tchar_edits\twords\tword_edits\tcer\twer\n";
    auto row = [&](const std::string& sys, const std::string& group, const Tally& t) {
        out << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.4f}\t{:.4f}\n", sys, group, t.form ? "form" : "text",
                           t.pages, t.missing, t.chars, t.char_edits, t.words, t.word_edits, t.Cer(), t.Wer());
    };
    for (const auto& sys : systems) {
        for (const auto& [group, t] : sys.groups) row(sys.name, group, t);
        row(sys.name, "all", sys.all);
    }
    if (!out) throw Failure(fmt::format("cannot write {}", path.string()));
}

struct Options {
    bool form = false;
    bool no_total = false;
    std::vector<std::string> positional, systems;
    std::string summary, details;
};

int Run(const Options& opt) {
    std::vector<System> systems;
    if (!opt.positional.empty()) {
        if (!opt.systems.empty() || opt.positional.size() < 2) {
            throw Failure("give either OCR.txt TRUTH.txt... or --system NAME=LIST options");
        }
        System sys{"ocr", {}, {}, {}, {}};
        for (std::size_t i = 1; i < opt.positional.size(); ++i) {
            sys.rows.push_back({"all", false, opt.positional[0], i, opt.positional[i]});
        }
        systems.push_back(std::move(sys));
    }
    for (const auto& arg : opt.systems) {
        const auto eq = arg.find('=');
        if (eq == std::string::npos || eq == 0) throw Failure(fmt::format("--system wants NAME=LIST, not '{}'", arg));
        systems.push_back({arg.substr(0, eq), ReadList(arg.substr(eq + 1)), {}, {}, {}});
    }
    if (systems.empty()) throw Failure("nothing to score (see --help)");

    std::ofstream details;
    if (!opt.details.empty()) {
        details.open(opt.details);
        details << "system\tgroup\tocr\tpage\ttruth\tchars\tchar_edits\twords\tword_edits\tcer\twer\tmissing\n";
    }
    for (auto& sys : systems) {
        for (const auto& p : Score(sys, opt.form, !opt.positional.empty())) {
            if (opt.details.empty()) continue;
            details << fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.4f}\t{:.4f}\t{}\n", sys.name, p.group, p.ocr,
                                   p.page, p.truth, p.tally.chars, p.tally.char_edits, p.tally.words,
                                   p.tally.word_edits, p.tally.Cer(), p.tally.Wer(), p.tally.missing);
        }
    }
    if (!opt.details.empty() && !details) throw Failure(fmt::format("cannot write {}", opt.details));
    PrintTable(systems, !opt.no_total, std::cout);
    if (!opt.summary.empty()) WriteSummary(systems, opt.summary);
    return 0;
}

}  // namespace
}  // namespace precinct::bench_ocr

int main(int argc, char** argv) {
    using namespace precinct::bench_ocr;
    Options opt;
    CLI::App app{"Character and word error rates (CER, WER) of OCR output against ground truth"};
    app.add_flag("--form", opt.form,
                 "Remove dot-leader and ellipsis runs from both texts before scoring (forms: DC01)");
    app.add_option("--system", opt.systems, "NAME=LIST: a system's outputs (rows: group, text|form, ocr, page, truth)");
    app.add_option("--summary", opt.summary, "Write per-group totals here (TSV)");
    app.add_option("--details", opt.details, "Write per-page figures here (TSV)");
    app.add_flag("--no-total", opt.no_total, "Print no pooled 'all' row (groups that overlap)");
    app.add_option("files", opt.positional, "OCR.txt TRUTH.txt [TRUTH.txt ...]: pages of one output, in order");
    CLI11_PARSE(app, argc, argv);
    try {
        return Run(opt);
    } catch (const Failure& e) {
        std::cerr << "precinct_ocr_score: " << e.what() << "\n";
    }
    return 1;
}
