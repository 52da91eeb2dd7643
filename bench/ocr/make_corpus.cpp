// Renders Vietnamese text to A4 page images with exact ground truth, for the OCR benchmark (bench/ocr/run.sh):
// 2480 x 3508 px (300 dpi), 8-bit grey PNG with a 300 dpi pHYs chunk, 13 pt Liberation Serif (the metric twin of
// Times New Roman that Decree 30/2020/ND-CP prescribes), margins of an administrative document (top and bottom
// 20 mm, left 30 mm, right 15 mm), justified paragraphs with a 1.27 cm first-line indent. Every page is written in
// every requested variant (a clean rendering and simulated scanner or copier damage, made with OpenCV from seeds, so
// the same options give the same bytes), each as DIR/<stem>.png with its truth DIR/<stem>.txt: NFC, one line of text
// per line that pango laid out, so the truth follows the page's line breaks; a two-column block (header, signatures)
// reads line by line across both columns, as Tesseract reads such headers (--columns sequential: the left column,
// then the right). DIR/manifest.tsv lists the pages in order; DIR/pages.list their image paths, one a line (the list
// input of tesseract); --tiff adds DIR/<variant>.tif, every page of a variant in one multi-page TIFF, with its truth
// DIR/<variant>.txt (pages separated by a form feed).
//
// Sources: "ours" is data/digitize/corpus/*.txt (documents written for this project in the markup described in
// bench/ocr/README.md); "legal" is vi-legal-text/docs/*.txt of the shared data (plain paragraphs; pages are taken
// round-robin over the documents; skipped with a message where the folder is absent); "all" alternates the two.
//
//   precinct_ocr_corpus --out DIR [--pages 6] [--variants clean,noise,blur,skew,lowcontrast,photocopy] [--seed 1]
//                       [--source ours|legal|all] [--ours-dir DIR] [--legal-dir DIR] [--font FAMILY]
//                       [--columns rows|sequential] [--tiff]
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"

#ifndef PRECINCT_SOURCE_DIR
#define PRECINCT_SOURCE_DIR "."
#endif

namespace precinct::bench_ocr {
namespace {

namespace fs = std::filesystem;

// Page geometry in pixels at 300 dpi.
constexpr int kDpi = 300;
constexpr int kPageWidth = 2480;   // 210 mm
constexpr int kPageHeight = 3508;  // 297 mm
constexpr double Mm(double mm) { return mm / 25.4 * kDpi; }
constexpr double Pt(double pt) { return pt / 72.0 * kDpi; }
constexpr int kMarginTop = static_cast<int>(Mm(20));
constexpr int kMarginBottom = static_cast<int>(Mm(20));
constexpr int kMarginLeft = static_cast<int>(Mm(30));
constexpr int kMarginRight = static_cast<int>(Mm(15));
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kFirstLineIndent = static_cast<int>(Mm(12.7));
constexpr int kParagraphSpace = static_cast<int>(Pt(6));
constexpr int kTitleSpace = static_cast<int>(Pt(12));
constexpr double kBodyPt = 13;
constexpr double kTitlePt = 14;
// Header and signature blocks (the decree allows 12-13 pt there).
constexpr double kColumnPt = 12;
constexpr double kRuleDrop = 0.2, kRuleAdvance = 0.5;  // a rule's place under a line, in body line heights
constexpr double kLeftColumnShare = 0.42;  // header and signature blocks: issuer on the left, the rest on the right

class Failure : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// ---------------------------------------------------------------------------------------------------------------
// Documents

enum class BlockKind { kParagraph, kCentered, kTitle, kColumns };

// One text line of a two-column block: pango markup, centred in its column unless left_aligned; empty markup is a
// blank line; rule is a short horizontal line drawn under the previous line (no text).
struct ColumnLine {
    std::string markup;
    bool left_aligned = false;
    bool rule = false;
};

struct Block {
    BlockKind kind = BlockKind::kParagraph;
    std::string text;  // pango markup when markup is true, else plain text
    bool markup = false;
    bool rule = false;  // kCentered only: a short rule instead of text
    std::vector<ColumnLine> left, right;
};

struct Document {
    std::string source;  // "ours" or "legal"
    std::string name;    // file stem
    std::vector<Block> blocks;
};

std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(fmt::format("cannot read {}", path.string()));
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string Trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r");
    return std::string(s.substr(b, e - b + 1));
}

std::string EscapeMarkup(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

// The inline markup of our documents: ***bold italic***, **bold**, *italic*, properly nested; everything else is
// literal text. Throws with `where` on an unbalanced marker.
std::string ToPangoMarkup(std::string_view s, const std::string& where) {
    std::string out;
    std::vector<std::string> open;
    std::string literal;
    auto toggle = [&](const std::string& tag) {
        out += EscapeMarkup(literal);
        literal.clear();
        if (!open.empty() && open.back() == tag) {
            open.pop_back();
            out += tag == "bi" ? "</i></b>" : fmt::format("</{}>", tag);
        } else if (std::find(open.begin(), open.end(), tag) != open.end()) {
            throw Failure(fmt::format("{}: markers '*' are not nested properly", where));
        } else {
            open.push_back(tag);
            out += tag == "bi" ? "<b><i>" : fmt::format("<{}>", tag);
        }
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 3, "***") == 0) {
            toggle("bi");
            i += 3;
        } else if (s.compare(i, 2, "**") == 0) {
            toggle("b");
            i += 2;
        } else if (s[i] == '*') {
            toggle("i");
            i += 1;
        } else {
            literal += s[i++];
        }
    }
    if (!open.empty()) throw Failure(fmt::format("{}: unclosed '*' marker", where));
    return out + EscapeMarkup(literal);
}

// Our markup, one directive or paragraph a line: "# ..." comment; "@L text" / "@R text" a line of the left / right
// column of a two-column block (consecutive @L/@R lines form one block; "@L<" / "@R<" left-aligned in the column;
// a bare "@R" a blank line; "@L ---" a short rule); "@T text" the document type, 14 pt bold centred; "@C text" a
// centred line ("@C ---" a rule); any other non-blank line one justified paragraph.
Document ParseOurs(const fs::path& path) {
    Document doc{"ours", path.stem().string(), {}};
    const std::string content = text::Nfc(ReadFile(path));
    std::istringstream in(content);
    std::string raw;
    int line_no = 0;
    while (std::getline(in, raw)) {
        ++line_no;
        const std::string where = fmt::format("{}:{}", path.string(), line_no);
        const std::string line = Trim(raw);
        if (line.empty() || line[0] == '#') continue;
        if (line[0] != '@') {
            doc.blocks.push_back({BlockKind::kParagraph, ToPangoMarkup(line, where), true, false, {}, {}});
            continue;
        }
        const auto space = line.find(' ');
        const std::string directive = line.substr(0, space);
        const std::string body = space == std::string::npos ? "" : Trim(line.substr(space + 1));
        if (directive == "@T" || directive == "@C") {
            Block b{directive == "@T" ? BlockKind::kTitle : BlockKind::kCentered, "", true, body == "---", {}, {}};
            if (!b.rule) b.text = ToPangoMarkup(body, where);
            doc.blocks.push_back(std::move(b));
        } else if (directive == "@L" || directive == "@R" || directive == "@L<" || directive == "@R<") {
            if (doc.blocks.empty() || doc.blocks.back().kind != BlockKind::kColumns) {
                doc.blocks.push_back({BlockKind::kColumns, "", true, false, {}, {}});
            }
            ColumnLine cl{body == "---" ? "" : ToPangoMarkup(body, where), directive.size() == 3, body == "---"};
            (directive[1] == 'L' ? doc.blocks.back().left : doc.blocks.back().right).push_back(std::move(cl));
        } else {
            throw Failure(fmt::format("{}: unknown directive {}", where, directive));
        }
    }
    if (doc.blocks.empty()) throw Failure(fmt::format("{}: no text", path.string()));
    return doc;
}

// A separator rule of the source text ("-------", "_____"): drawn lines on the printed page, not text.
bool IsRuleLine(std::string_view s) {
    return s.size() >= 3 && s.find_first_not_of("-_=*. \t") == std::string_view::npos;
}

// A plain text file: every non-blank line is a justified paragraph; separator rules are dropped.
Document ParseLegal(const fs::path& path) {
    Document doc{"legal", path.stem().string(), {}};
    std::istringstream in(text::Nfc(ReadFile(path)));
    std::string raw;
    while (std::getline(in, raw)) {
        const std::string line = Trim(raw);
        if (line.empty() || IsRuleLine(line)) continue;
        doc.blocks.push_back({BlockKind::kParagraph, line, false, false, {}, {}});
    }
    return doc;
}

std::vector<fs::path> TextFiles(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Typesetting

template <typename T>
struct GObjectDeleter {
    void operator()(T* p) const { g_object_unref(p); }
};
using LayoutPtr = std::shared_ptr<PangoLayout>;

// One laid-out line, positioned on its page: drawn by pango from (x, baseline).
struct PlacedLine {
    LayoutPtr layout;  // keeps the line alive
    PangoLayoutLine* line = nullptr;
    double x = 0, baseline = 0;
};

struct PlacedRule {
    double x = 0, y = 0, width = 0;
};

struct Page {
    std::vector<PlacedLine> lines;
    std::vector<PlacedRule> rules;
    std::vector<std::string> truth;  // text lines in reading order
};

// A line of a layout before placement: its text, its offset from the layout's left edge, its height and the
// distance from its top to its baseline.
struct LineBox {
    LayoutPtr layout;
    PangoLayoutLine* line = nullptr;
    std::string text;
    double x = 0, height = 0, ascent = 0, width = 0;
};

// Owns the pango context (300 dpi, grey antialiasing, no hinting, so that layout is resolution-independent) and
// checks that the font exists and covers every character. Not thread-safe.
class Typesetter {
public:
    explicit Typesetter(const std::string& family) : family_(family) {
        PangoFontMap* map = pango_cairo_font_map_get_default();  // owned by pango
        context_.reset(pango_font_map_create_context(map));
        pango_cairo_context_set_resolution(context_.get(), kDpi);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        pango_cairo_context_set_font_options(context_.get(), options);
        cairo_font_options_destroy(options);

        PangoFontDescription* desc = Font(kBodyPt);
        PangoFont* font = pango_font_map_load_font(map, context_.get(), desc);
        pango_font_description_free(desc);
        if (font == nullptr) {
            throw Failure(fmt::format("no font could be loaded for '{}' (is fontconfig set up?)", family));
        }
        PangoFontDescription* got = pango_font_describe(font);
        const std::string got_family = pango_font_description_get_family(got);
        pango_font_description_free(got);
        g_object_unref(font);
        if (Lower(got_family) != Lower(family)) {
            throw Failure(
                fmt::format("font '{}' is not installed (fontconfig gave '{}'); install fonts-liberation2 "
                            "or pass --font with an installed family that covers Vietnamese",
                            family, got_family));
        }
    }

    // Lays out one paragraph `width` px wide; throws when a character has no glyph in the font.
    std::vector<LineBox> Lines(const std::string& text, bool markup, double width, PangoAlignment align, bool justify,
                               int indent, double size_pt, bool bold) const {
        LayoutPtr layout(pango_layout_new(context_.get()), GObjectDeleter<PangoLayout>());
        PangoFontDescription* desc = Font(size_pt);
        if (bold) pango_font_description_set_weight(desc, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(layout.get(), desc);
        pango_font_description_free(desc);
        pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout.get(), align);
        pango_layout_set_justify(layout.get(), justify);
        pango_layout_set_indent(layout.get(), indent * PANGO_SCALE);
        PangoAttrList* attrs = pango_attr_list_new();  // no hyphen that is not in the text at a line break
        pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
        pango_layout_set_attributes(layout.get(), attrs);
        pango_attr_list_unref(attrs);
        if (markup) {
            pango_layout_set_markup(layout.get(), text.c_str(), -1);
        } else {
            pango_layout_set_text(layout.get(), text.c_str(), -1);
        }
        const std::string plain = pango_layout_get_text(layout.get());
        if (markup && plain.empty() && !text.empty()) throw Failure(fmt::format("bad markup: {}", text));
        if (pango_layout_get_unknown_glyphs_count(layout.get()) > 0) {
            throw Failure(fmt::format("font '{}' lacks glyphs for some characters of: {}", family_, plain));
        }

        std::vector<LineBox> out;
        PangoLayoutIter* it = pango_layout_get_iter(layout.get());
        do {
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(it, nullptr, &logical);
            const int baseline = pango_layout_iter_get_baseline(it);
            LineBox box;
            box.layout = layout;
            box.line = line;
            box.text =
                Trim(plain.substr(static_cast<std::size_t>(line->start_index), static_cast<std::size_t>(line->length)));
            box.x = static_cast<double>(logical.x) / PANGO_SCALE;
            box.width = static_cast<double>(logical.width) / PANGO_SCALE;
            box.height = static_cast<double>(logical.height) / PANGO_SCALE;
            box.ascent = static_cast<double>(baseline - logical.y) / PANGO_SCALE;
            out.push_back(std::move(box));
        } while (pango_layout_iter_next_line(it));
        pango_layout_iter_free(it);
        return out;
    }

private:
    PangoFontDescription* Font(double size_pt) const {
        PangoFontDescription* desc = pango_font_description_new();
        pango_font_description_set_family(desc, family_.c_str());
        pango_font_description_set_size(desc, static_cast<int>(size_pt * PANGO_SCALE));
        return desc;
    }
    static std::string Lower(std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }

    std::string family_;
    std::unique_ptr<PangoContext, GObjectDeleter<PangoContext>> context_;
};

// How the truth reads a two-column block: across both columns line by line (the order of Tesseract's layout analysis on
// such headers, whose lines share baselines), or the left column, then the right one.
enum class ColumnOrder { kRows, kSequential };

// Flows a document's blocks onto pages, top to bottom; paragraphs break between lines, two-column blocks move whole
// to the next page. Stops after max_pages pages.
std::vector<Page> Paginate(const Document& doc, const Typesetter& ts, std::size_t max_pages, ColumnOrder order) {
    std::vector<Page> pages(1);
    double y = kMarginTop;
    const double bottom = kPageHeight - kMarginBottom;
    auto new_page = [&] {
        pages.emplace_back();
        y = kMarginTop;
    };
    auto at_top = [&] { return pages.back().lines.empty() && pages.back().rules.empty(); };
    auto place = [&](const LineBox& box, double left, bool truth = true) {
        pages.back().lines.push_back({box.layout, box.line, left + box.x, y + box.ascent});
        if (truth && !box.text.empty()) pages.back().truth.push_back(box.text);
    };
    const double body_line = ts.Lines("Ấ", false, kTextWidth, PANGO_ALIGN_LEFT, false, 0, kBodyPt, false)[0].height;

    for (const Block& block : doc.blocks) {
        if (pages.size() > max_pages) break;
        if (block.kind == BlockKind::kColumns) {
            // Each column a stack of one-line layouts; the taller column sets the block's height.
            const double widths[2] = {kTextWidth * kLeftColumnShare, kTextWidth * (1 - kLeftColumnShare)};
            const double lefts[2] = {static_cast<double>(kMarginLeft), kMarginLeft + widths[0]};
            std::vector<std::vector<LineBox>> columns[2];
            double heights[2] = {0, 0};
            for (int c = 0; c < 2; ++c) {
                for (const ColumnLine& cl : c == 0 ? block.left : block.right) {
                    if (cl.rule) {
                        columns[c].push_back({});
                        heights[c] += body_line * kRuleAdvance;
                        continue;
                    }
                    auto lines = cl.markup.empty()
                                     ? std::vector<LineBox>{LineBox{nullptr, nullptr, "", 0, body_line, 0, 0}}
                                     : ts.Lines(cl.markup, true, widths[c],
                                                cl.left_aligned ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER, false, 0,
                                                kColumnPt, false);
                    for (const auto& l : lines) heights[c] += l.height;
                    columns[c].push_back(std::move(lines));
                }
            }
            if (!at_top()) y += kParagraphSpace * 2;
            if (y + std::max(heights[0], heights[1]) > bottom && !at_top()) new_page();
            if (pages.size() > max_pages) break;
            const double top = y;
            struct Cell {
                double baseline;
                int column;
                std::string text;
            };
            std::vector<Cell> cells;
            for (int c = 0; c < 2; ++c) {
                y = top;
                const LineBox* previous = nullptr;
                for (const auto& lines : columns[c]) {
                    if (lines.empty()) {  // a rule under the previous line, 60% of its width
                        const double w = previous ? previous->width * 0.6 : widths[c] * 0.3;
                        const double cx =
                            previous ? lefts[c] + previous->x + previous->width / 2 : lefts[c] + widths[c] / 2;
                        pages.back().rules.push_back({cx - w / 2, y + body_line * kRuleDrop, w});
                        y += body_line * kRuleAdvance;
                        continue;
                    }
                    for (const auto& l : lines) {
                        if (l.layout) {
                            place(l, lefts[c], false);
                            if (!l.text.empty()) cells.push_back({y + l.ascent, c, l.text});
                        }
                        y += l.height;
                        previous = l.layout ? &l : previous;
                    }
                }
            }
            // Truth: row by row, left before right, lines within half a line of the same baseline being one row;
            // or the whole left column, then the right one.
            if (order == ColumnOrder::kRows) {
                std::stable_sort(cells.begin(), cells.end(),
                                 [](const Cell& a, const Cell& b) { return a.baseline < b.baseline; });
                for (std::size_t i = 0; i < cells.size();) {
                    std::size_t j = i + 1;
                    while (j < cells.size() && cells[j].baseline - cells[i].baseline < body_line / 2) ++j;
                    std::stable_sort(cells.begin() + static_cast<std::ptrdiff_t>(i),
                                     cells.begin() + static_cast<std::ptrdiff_t>(j),
                                     [](const Cell& a, const Cell& b) { return a.column < b.column; });
                    i = j;
                }
            }
            for (const Cell& cell : cells) pages.back().truth.push_back(cell.text);
            y = top + std::max(heights[0], heights[1]);
            continue;
        }

        if (block.kind == BlockKind::kCentered && block.rule) {
            pages.back().rules.push_back({kMarginLeft + kTextWidth * 0.4, y + body_line * kRuleDrop, kTextWidth * 0.2});
            y += body_line * kRuleAdvance;
            continue;
        }
        const bool title = block.kind == BlockKind::kTitle;
        const bool paragraph = block.kind == BlockKind::kParagraph;
        const auto lines =
            ts.Lines(block.text, block.markup, kTextWidth, paragraph ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER, paragraph,
                     paragraph ? kFirstLineIndent : 0, title ? kTitlePt : kBodyPt, title);
        if (!at_top()) y += title ? kTitleSpace : (paragraph ? kParagraphSpace : 0);
        for (const auto& l : lines) {
            if (y + l.height > bottom) new_page();
            if (pages.size() > max_pages) break;
            place(l, kMarginLeft);
            y += l.height;
        }
    }
    if (pages.size() > max_pages) pages.resize(max_pages);
    if (!pages.empty() && pages.back().truth.empty()) pages.pop_back();
    return pages;
}

// The page drawn in black on white, 8-bit grey.
cv::Mat Render(const Page& page) {
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, kPageWidth, kPageHeight);
    cairo_t* cr = cairo_create(surface);
    cairo_set_source_rgba(cr, 0, 0, 0, 1);
    for (const PlacedLine& l : page.lines) {
        cairo_move_to(cr, l.x, l.baseline);
        pango_cairo_show_layout_line(cr, l.line);
    }
    for (const PlacedRule& r : page.rules) {
        cairo_rectangle(cr, r.x, r.y, r.width, 3);
        cairo_fill(cr);
    }
    cairo_surface_flush(surface);
    const cv::Mat alpha(kPageHeight, kPageWidth, CV_8UC1, cairo_image_surface_get_data(surface),
                        static_cast<std::size_t>(cairo_image_surface_get_stride(surface)));
    cv::Mat grey = 255 - alpha;
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return grey;
}

// ---------------------------------------------------------------------------------------------------------------
// Variants: functions of the clean page, the page's position in the corpus and a seeded generator.

constexpr std::array<std::string_view, 6> kVariants = {"clean", "noise", "blur", "skew", "lowcontrast", "photocopy"};

// The skew of the page at `index`: 1, 2, 3 degrees in turn, the sign alternating (+1, -2, +3, -1, +2, -3, ...).
double SkewDegrees(std::size_t index) {
    const double magnitude = static_cast<double>(index % 3 + 1);
    return index % 2 == 0 ? magnitude : -magnitude;
}

cv::Mat ToByte(const cv::Mat& f) {
    cv::Mat out;
    f.convertTo(out, CV_8U);  // saturating
    return out;
}

// Gaussian noise (sigma 24 grey levels) and 0.5% salt-and-pepper pixels.
cv::Mat Noise(const cv::Mat& clean, cv::RNG& rng) {
    cv::Mat f;
    clean.convertTo(f, CV_32F);
    cv::Mat n(f.size(), CV_32F);
    rng.fill(n, cv::RNG::NORMAL, 0, 24);
    f += n;
    cv::Mat out = ToByte(f);
    const int count = static_cast<int>(out.total() / 200);
    for (int i = 0; i < count; ++i) {
        out.at<std::uint8_t>(rng.uniform(0, out.rows), rng.uniform(0, out.cols)) = rng.uniform(0, 2) ? 255 : 0;
    }
    return out;
}

cv::Mat Blur(const cv::Mat& clean) {
    cv::Mat out;
    cv::GaussianBlur(clean, out, cv::Size(0, 0), 1.2);
    return out;
}

cv::Mat Skew(const cv::Mat& clean, double degrees) {
    const cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(clean.cols / 2.0F, clean.rows / 2.0F), degrees, 1.0);
    cv::Mat out;
    cv::warpAffine(clean, out, m, clean.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    return out;
}

// Ink at 60% grey (level 153) on light grey paper (level 220): a faded print or a pale scan.
cv::Mat LowContrast(const cv::Mat& clean) {
    constexpr double kInk = 153, kPaper = 220;
    cv::Mat out;
    clean.convertTo(out, CV_8U, (kPaper - kInk) / 255.0, kInk);
    return out;
}

// A photocopy of a photocopy: toner spread (strokes a pixel thicker), paper with uneven grey, borders darkened
// (vignette and the copier lid's shadow along one edge), toner specks, a slight blur, then a steep tone curve that
// pushes everything towards black or white, and a little sensor noise.
cv::Mat Photocopy(const cv::Mat& clean, cv::RNG& rng) {
    cv::Mat ink;
    cv::erode(clean, ink, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
    ink.convertTo(ink, CV_32F, 1.0 / 255.0);  // 1 paper, 0 ink

    cv::Mat coarse(6, 5, CV_32F), paper;
    rng.fill(coarse, cv::RNG::NORMAL, 0, 16);
    cv::resize(coarse, paper, clean.size(), 0, 0, cv::INTER_CUBIC);
    paper += 226;

    const int lid_side = rng.uniform(0, 4);  // which edge the lid shadow falls on
    const double lid_width = rng.uniform(30, 90);
    for (int r = 0; r < paper.rows; ++r) {
        auto* p = paper.ptr<float>(r);
        for (int c = 0; c < paper.cols; ++c) {
            const double dx = std::min(c, paper.cols - 1 - c), dy = std::min(r, paper.rows - 1 - r);
            const double edge = std::min(dx, dy);
            double dark = 90.0 * std::exp(-edge / 120.0);  // vignette towards the borders
            const double lid = lid_side == 0   ? c
                               : lid_side == 1 ? paper.cols - 1 - c
                               : lid_side == 2 ? r
                                               : paper.rows - 1 - r;
            if (lid < lid_width) dark += 170.0 * (1.0 - lid / lid_width * 0.5);
            p[c] = static_cast<float>(p[c] - dark);
        }
    }
    cv::Mat f = paper.mul(ink) + (1 - ink) * 25;  // toner at level 25

    const int specks = 1200 + rng.uniform(0, 600);
    for (int i = 0; i < specks; ++i) {
        const cv::Point at(rng.uniform(0, f.cols), rng.uniform(0, f.rows));
        const int radius = rng.uniform(0, 100) < 97 ? rng.uniform(1, 3) : rng.uniform(3, 6);
        cv::circle(f, at, radius, cv::Scalar(rng.uniform(20, 90)), cv::FILLED, cv::LINE_AA);
    }
    cv::GaussianBlur(f, f, cv::Size(0, 0), 0.8);
    cv::Mat curve;
    cv::exp((f - 140.0) * (-1.0 / 16.0), curve);
    f = 255.0 / (1.0 + curve);
    cv::Mat n(f.size(), CV_32F);
    rng.fill(n, cv::RNG::NORMAL, 0, 5);
    return ToByte(f + n);
}

cv::Mat MakeVariant(const cv::Mat& clean, std::string_view variant, std::size_t index, cv::RNG& rng) {
    if (variant == "clean") return clean.clone();
    if (variant == "noise") return Noise(clean, rng);
    if (variant == "blur") return Blur(clean);
    if (variant == "skew") return Skew(clean, SkewDegrees(index));
    if (variant == "lowcontrast") return LowContrast(clean);
    return Photocopy(clean, rng);
}

std::uint64_t Mix(std::uint64_t x) {  // splitmix64
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// ---------------------------------------------------------------------------------------------------------------
// Files

std::uint32_t Crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0xFFFFFFFFU) {
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320U & (0U - (crc & 1U)));
    }
    return crc;
}

void PutBe32(std::vector<std::uint8_t>& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// A PNG of `grey` with a pHYs chunk saying 300 dpi right after the IHDR chunk (OpenCV writes none).
void WritePng(const fs::path& path, const cv::Mat& grey) {
    std::vector<std::uint8_t> png;
    if (!cv::imencode(".png", grey, png, {cv::IMWRITE_PNG_COMPRESSION, 6})) throw Failure("PNG encoding failed");
    constexpr std::size_t kAfterIhdr = 8 + 4 + 4 + 13 + 4;  // signature, IHDR length, type, data, CRC
    std::vector<std::uint8_t> phys;
    PutBe32(phys, 9);
    const std::size_t type_at = phys.size();
    for (const char c : {'p', 'H', 'Y', 's'}) phys.push_back(static_cast<std::uint8_t>(c));
    const auto pixels_per_metre = static_cast<std::uint32_t>(std::lround(kDpi / 0.0254));
    PutBe32(phys, pixels_per_metre);
    PutBe32(phys, pixels_per_metre);
    phys.push_back(1);  // unit: metre
    PutBe32(phys, Crc32(phys.data() + type_at, phys.size() - type_at) ^ 0xFFFFFFFFU);
    png.insert(png.begin() + static_cast<std::ptrdiff_t>(kAfterIhdr), phys.begin(), phys.end());
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    if (!out) throw Failure(fmt::format("cannot write {}", path.string()));
}

void WriteText(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw Failure(fmt::format("cannot write {}", path.string()));
}

std::string JoinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// ---------------------------------------------------------------------------------------------------------------

struct Options {
    fs::path out;
    std::size_t pages = 6;
    std::string variants = "clean,noise,blur,skew,lowcontrast,photocopy";
    std::uint64_t seed = 1;
    std::string source = "all";
    fs::path ours_dir = fs::path(PRECINCT_SOURCE_DIR) / "data/digitize/corpus";
    fs::path legal_dir = fs::path(PRECINCT_SOURCE_DIR) / "../shared/data/vi-legal-text/docs";
    std::string font = "Liberation Serif";
    std::string columns = "rows";
    bool tiff = false;
};

struct SourcePage {
    const Document* doc;
    std::size_t number;  // 1-based page of the document
    Page page;
};

std::vector<std::string> SplitList(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) {
        item = Trim(item);
        if (item.empty()) continue;
        if (std::find(kVariants.begin(), kVariants.end(), item) == kVariants.end()) {
            throw Failure(
                fmt::format("unknown variant '{}' (known: clean, noise, blur, skew, lowcontrast, photocopy)", item));
        }
        out.push_back(item);
    }
    if (out.empty()) throw Failure("no variant given");
    return out;
}

// Pages of the documents, taken round-robin: the first page of every document, then the second of each, ...
std::vector<SourcePage> RoundRobin(const std::vector<Document>& docs, const Typesetter& ts, std::size_t wanted,
                                   bool whole_documents, ColumnOrder order) {
    std::vector<std::vector<Page>> paged;
    const std::size_t per_doc = docs.empty() ? 0 : wanted / docs.size() + 1;
    for (const auto& d : docs) paged.push_back(Paginate(d, ts, whole_documents ? wanted : per_doc, order));
    std::vector<SourcePage> out;
    if (whole_documents) {  // ours: documents one after the other, every page of each
        for (std::size_t d = 0; d < docs.size(); ++d) {
            for (std::size_t p = 0; p < paged[d].size() && out.size() < wanted; ++p) {
                out.push_back({&docs[d], p + 1, std::move(paged[d][p])});
            }
        }
        return out;
    }
    for (std::size_t round = 0; out.size() < wanted; ++round) {
        bool any = false;
        for (std::size_t d = 0; d < docs.size() && out.size() < wanted; ++d) {
            if (round >= paged[d].size()) continue;
            out.push_back({&docs[d], round + 1, std::move(paged[d][round])});
            any = true;
        }
        if (!any) break;
    }
    return out;
}

int Run(const Options& opt) {
    const auto variants = SplitList(opt.variants);
    if (opt.source != "ours" && opt.source != "legal" && opt.source != "all") {
        throw Failure("--source must be ours, legal or all");
    }
    if (opt.columns != "rows" && opt.columns != "sequential") throw Failure("--columns must be rows or sequential");
    const Typesetter ts(opt.font);

    std::vector<Document> ours, legal;
    if (opt.source != "legal") {
        if (!fs::is_directory(opt.ours_dir)) throw Failure(fmt::format("no folder {}", opt.ours_dir.string()));
        for (const auto& f : TextFiles(opt.ours_dir)) ours.push_back(ParseOurs(f));
        if (ours.empty()) throw Failure(fmt::format("no .txt documents in {}", opt.ours_dir.string()));
    }
    if (opt.source != "ours") {
        if (fs::is_directory(opt.legal_dir)) {
            for (const auto& f : TextFiles(opt.legal_dir)) legal.push_back(ParseLegal(f));
        } else {
            std::cerr << "precinct_ocr_corpus: " << opt.legal_dir.string()
                      << " is absent: skipping the legal-text pages\n";
        }
    }

    // "all" alternates ours and legal pages while both last.
    const ColumnOrder order = opt.columns == "rows" ? ColumnOrder::kRows : ColumnOrder::kSequential;
    std::vector<SourcePage> a = RoundRobin(ours, ts, opt.pages, true, order);
    std::vector<SourcePage> b = RoundRobin(legal, ts, opt.pages, false, order);
    std::vector<SourcePage> pages;
    for (std::size_t i = 0, j = 0; pages.size() < opt.pages && (i < a.size() || j < b.size());) {
        const bool take_a = i < a.size() && (j >= b.size() || pages.size() % 2 == 0);
        pages.push_back(std::move(take_a ? a[i++] : b[j++]));
    }
    if (pages.empty()) throw Failure("no pages to render");
    if (pages.size() < opt.pages) {
        std::cerr << fmt::format("precinct_ocr_corpus: only {} pages available from source '{}'\n", pages.size(),
                                 opt.source);
    }

    fs::create_directories(opt.out);
    std::ofstream manifest(opt.out / "manifest.tsv");
    std::ofstream list(opt.out / "pages.list");
    manifest << "stem\tvariant\tsource\tdocument\tpage\timage\ttruth\n";
    std::vector<std::vector<cv::Mat>> tiff_pages(variants.size());
    std::vector<std::string> tiff_truth(variants.size());
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const SourcePage& sp = pages[i];
        const cv::Mat clean = Render(sp.page);
        const std::string truth = JoinLines(sp.page.truth);
        for (std::size_t v = 0; v < variants.size(); ++v) {
            const auto vi = static_cast<std::uint64_t>(std::find(kVariants.begin(), kVariants.end(), variants[v]) -
                                                       kVariants.begin());
            cv::RNG rng(Mix(Mix(opt.seed) ^ (static_cast<std::uint64_t>(i) << 8) ^ vi));
            const cv::Mat image = MakeVariant(clean, variants[v], i, rng);
            const std::string stem = fmt::format("{:02}_{}_{}_p{}", i + 1, variants[v], sp.doc->name, sp.number);
            WritePng(opt.out / (stem + ".png"), image);
            WriteText(opt.out / (stem + ".txt"), truth);
            manifest << fmt::format("{}\t{}\t{}\t{}\t{}\t{}.png\t{}.txt\n", stem, variants[v], sp.doc->source,
                                    sp.doc->name, sp.number, stem, stem);
            list << fs::absolute(opt.out / (stem + ".png")).string() << "\n";
            if (opt.tiff) {
                tiff_pages[v].push_back(image);
                tiff_truth[v] += (tiff_truth[v].empty() ? "" : "\f") + truth;
            }
        }
        std::cerr << fmt::format("page {}/{}: {} {} p{}, {} lines\n", i + 1, pages.size(), sp.doc->source, sp.doc->name,
                                 sp.number, sp.page.truth.size());
    }
    if (opt.tiff) {
        for (std::size_t v = 0; v < variants.size(); ++v) {
            const fs::path path = opt.out / (variants[v] + ".tif");
            if (!cv::imwritemulti(
                    path.string(), tiff_pages[v],
                    {cv::IMWRITE_TIFF_RESUNIT, 2, cv::IMWRITE_TIFF_XDPI, kDpi, cv::IMWRITE_TIFF_YDPI, kDpi})) {
                throw Failure(fmt::format("cannot write {}", path.string()));
            }
            WriteText(opt.out / (variants[v] + ".txt"), tiff_truth[v]);
        }
    }
    if (!manifest || !list) throw Failure("cannot write the manifest");
    std::cout << fmt::format("{} pages x {} variants written to {}\n", pages.size(), variants.size(), opt.out.string());
    return 0;
}

}  // namespace
}  // namespace precinct::bench_ocr

int main(int argc, char** argv) {
    using namespace precinct::bench_ocr;
    Options opt;
    CLI::App app{"Renders Vietnamese text to A4 page images at 300 dpi with exact ground truth, for OCR benchmarks"};
    app.add_option("--out", opt.out, "Output folder")->required();
    app.add_option("--pages", opt.pages, "Number of distinct pages")->check(CLI::Range(1, 10000));
    app.add_option("--variants", opt.variants, "Comma-separated: clean,noise,blur,skew,lowcontrast,photocopy");
    app.add_option("--seed", opt.seed, "Seed of the noise of every variant");
    app.add_option("--source", opt.source, "ours (data/digitize/corpus), legal (shared vi-legal-text) or all");
    app.add_option("--ours-dir", opt.ours_dir, "Folder of our documents");
    app.add_option("--legal-dir", opt.legal_dir, "Folder of the legal texts (skipped when absent)");
    app.add_option("--font", opt.font, "Font family");
    app.add_option("--columns", opt.columns, "Truth order of two-column blocks: rows (line by line) or sequential");
    app.add_flag("--tiff", opt.tiff, "Also write one multi-page TIFF per variant, with its truth");
    CLI11_PARSE(app, argc, argv);
    try {
        return Run(opt);
    } catch (const Failure& e) {
        std::cerr << "precinct_ocr_corpus: " << e.what() << "\n";
    } catch (const cv::Exception& e) {
        std::cerr << "precinct_ocr_corpus: OpenCV: " << e.what() << "\n";
    } catch (const std::filesystem::filesystem_error& e) {
        std::cerr << "precinct_ocr_corpus: " << e.what() << "\n";
    }
    return 1;
}
