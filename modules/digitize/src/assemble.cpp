#include "assemble.hpp"

#include <algorithm>

#include "text/fold.hpp"

namespace precinct::digitize {

std::string PageText(const PageOcr& page) {
    std::string out;
    int line = -1, paragraph = -1;
    for (const OcrWord& w : page.words) {
        if (w.line != line) {
            const bool valid = w.line >= 0 && static_cast<std::size_t>(w.line) < page.lines.size();
            const int p = valid ? page.lines[static_cast<std::size_t>(w.line)].paragraph : paragraph;
            if (!out.empty()) out += (p != paragraph) ? "\n\n" : "\n";
            line = w.line;
            paragraph = p;
        } else if (!out.empty()) {
            out += ' ';
        }
        out += w.text;
    }
    return out;
}

namespace {

// Words (indices into page.words) grouped into rows, top to bottom, each row left to right. A word joins the row
// it overlaps vertically by at least half its own height (accents and descenders make boxes of one row differ).
std::vector<std::vector<std::size_t>> Rows(const PageOcr& page, std::vector<std::size_t> words) {
    struct Row {
        int top, bottom;
        std::vector<std::size_t> words;
    };
    std::vector<Row> rows;
    auto centre = [&page](std::size_t i) { return page.words[i].box.y + page.words[i].box.h / 2.0; };
    std::sort(words.begin(), words.end(), [&](std::size_t a, std::size_t b) { return centre(a) < centre(b); });
    for (std::size_t i : words) {
        const Box& b = page.words[i].box;
        Row* best = nullptr;
        int best_overlap = 0;
        for (Row& row : rows) {
            const int overlap = std::min(row.bottom, b.y + b.h) - std::max(row.top, b.y);
            if (overlap * 2 >= std::max(1, b.h) && overlap > best_overlap) {
                best = &row;
                best_overlap = overlap;
            }
        }
        if (best == nullptr) {
            rows.push_back({b.y, b.y + b.h, {i}});
        } else {
            best->words.push_back(i);
        }
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.top < b.top; });
    std::vector<std::vector<std::size_t>> out;
    for (auto& row : rows) {
        std::sort(row.words.begin(), row.words.end(),
                  [&](std::size_t a, std::size_t b) { return page.words[a].box.x < page.words[b].box.x; });
        out.push_back(std::move(row.words));
    }
    return out;
}

void AppendRows(const PageOcr& page, const std::vector<std::vector<std::size_t>>& rows, std::string& out) {
    for (const auto& row : rows) {
        if (!out.empty()) out += '\n';
        for (std::size_t k = 0; k < row.size(); ++k) out += (k ? " " : "") + page.words[row[k]].text;
    }
}

}  // namespace

std::string FieldsText(const PageOcr& page) {
    if (page.width <= 0 || page.height <= 0) return PageText(page);
    // Words by line, in reading order.
    std::vector<std::vector<std::size_t>> lines;
    int current = -1;
    for (std::size_t i = 0; i < page.words.size(); ++i) {
        if (lines.empty() || page.words[i].line != current) {
            lines.emplace_back();
            current = page.words[i].line;
        }
        lines.back().push_back(i);
    }
    std::vector<std::size_t> left, right;
    std::vector<std::vector<std::size_t>> other_lines;
    const double min_gap = page.width * 0.025;
    for (auto& line : lines) {
        const auto& first = page.words[line.front()].box;
        if (first.y > page.height / 3) {
            other_lines.push_back(line);
            continue;
        }
        std::vector<std::size_t> by_x = line;
        std::sort(by_x.begin(), by_x.end(),
                  [&](std::size_t a, std::size_t b) { return page.words[a].box.x < page.words[b].box.x; });
        int cut = -1;
        double widest = 0;
        for (std::size_t k = 1; k < by_x.size(); ++k) {
            const Box& a = page.words[by_x[k - 1]].box;
            const Box& b = page.words[by_x[k]].box;
            const double gap = b.x - (a.x + a.w);
            const double middle = a.x + a.w + gap / 2;
            if (gap >= min_gap && gap > widest && middle > page.width * 0.2 && middle < page.width * 0.8) {
                widest = gap;
                cut = static_cast<int>(k);
            }
        }
        if (cut < 0) {
            other_lines.push_back(line);
            continue;
        }
        left.insert(left.end(), by_x.begin(), by_x.begin() + cut);
        right.insert(right.end(), by_x.begin() + cut, by_x.end());
    }
    std::string out;
    AppendRows(page, Rows(page, left), out);
    AppendRows(page, Rows(page, right), out);
    for (const auto& line : other_lines) {
        if (!out.empty()) out += '\n';
        for (std::size_t k = 0; k < line.size(); ++k) out += (k ? " " : "") + page.words[line[k]].text;
    }
    return out;
}

std::string DocumentText(const std::vector<std::string>& pages) {
    std::string out;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        if (i > 0) out += '\f';
        out += pages[i];
    }
    return out;
}

double MeanConfidence(const PageOcr& page) {
    double sum = 0, weight = 0;
    for (const OcrWord& w : page.words) {
        const auto n = static_cast<double>(text::Utf8Length(w.text));
        sum += w.confidence * n;
        weight += n;
    }
    return weight > 0 ? sum / weight : -1;
}

std::u32string DecodeUtf8(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        bool ok = len > 0 && i + static_cast<std::size_t>(len) <= s.size();
        for (int k = 1; ok && k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            ok = (cc >> 6) == 0x2;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        if (ok && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                   (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) {
            ok = false;
        }
        if (!ok) {
            out.push_back(U'\uFFFD');
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(len);
    }
    return out;
}

}  // namespace precinct::digitize
