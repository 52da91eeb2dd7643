#include "pdf_writer.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "assemble.hpp"

namespace precinct::digitize {
namespace {

// Fixed objects; pages follow.
constexpr int kCatalog = 1, kPages = 2, kFont = 3, kCidFont = 4, kDescriptor = 5, kFontFile = 6, kCidToGid = 7,
              kToUnicode = 8, kInfo = 9, kFirstFree = 10;
constexpr double kGlyphWidth = 0.5;  // the glyphless font's advance, in text space units per point of font size

std::string Deflate(std::string_view data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                  static_cast<uLong>(data.size()), 6) != Z_OK) {
        return {};
    }
    out.resize(size);
    return out;
}

std::string Num(double v) {
    if (std::abs(v) < 0.0005) return "0";
    std::string s = fmt::format("{:.3f}", v);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// A PDF text string: UTF-16BE with a byte-order mark, in hex.
std::string PdfTextString(std::string_view utf8) {
    std::string hex = "<FEFF";
    for (char32_t cp : DecodeUtf8(utf8)) {
        if (cp >= 0x10000) {
            cp -= 0x10000;
            hex += fmt::format("{:04X}{:04X}", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
        } else {
            hex += fmt::format("{:04X}", static_cast<unsigned>(cp));
        }
    }
    return hex + ">";
}

// Character codes of a word for the Identity-H font: one 2-byte code per BMP code point (others become U+FFFD).
std::string WordCodes(std::string_view utf8, int* glyphs) {
    std::string hex;
    *glyphs = 0;
    for (char32_t cp : DecodeUtf8(utf8)) {
        if (cp >= 0x10000) cp = U'\uFFFD';
        hex += fmt::format("{:04X}", static_cast<unsigned>(cp));
        ++*glyphs;
    }
    return hex;
}

std::string ToUnicodeCMap() {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    // bfrange entries may differ only in their last byte: one range per high byte, surrogates left out.
    std::vector<int> highs;
    for (int hi = 0; hi < 256; ++hi) {
        if (hi < 0xD8 || hi > 0xDF) highs.push_back(hi);
    }
    for (std::size_t i = 0; i < highs.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, highs.size() - i);
        s += fmt::format("{} beginbfrange\n", n);
        for (std::size_t k = i; k < i + n; ++k) s += fmt::format("<{0:02X}00> <{0:02X}FF> <{0:02X}00>\n", highs[k]);
        s += "endbfrange\n";
    }
    s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return s;
}

}  // namespace

std::string TextLayer(const PageOcr& ocr, int height_px, int dpi) {
    const double k = 72.0 / std::max(dpi, 1);
    std::string s = "BT\n3 Tr\n";
    for (std::size_t i = 0; i < ocr.words.size(); ++i) {
        const OcrWord& w = ocr.words[i];
        if (w.line < 0 || static_cast<std::size_t>(w.line) >= ocr.lines.size() || w.box.w <= 0) continue;
        const OcrLine& line = ocr.lines[static_cast<std::size_t>(w.line)];
        int glyphs = 0;
        std::string codes = WordCodes(w.text, &glyphs);
        if (glyphs == 0) continue;
        // The word spans to the start of the next word of its line, with a space glyph, so that copied text keeps
        // the word gap; the last word of a line spans its own box.
        double span_px = w.box.w;
        const bool next_same_line =
            i + 1 < ocr.words.size() && ocr.words[i + 1].line == w.line && ocr.words[i + 1].box.x > w.box.x;
        if (next_same_line) {
            span_px = ocr.words[i + 1].box.x - w.box.x;
            codes += "0020";
            ++glyphs;
        }
        const double size = std::max(2.0, line.box.h * k);
        const double scale = 100.0 * span_px * k / (glyphs * kGlyphWidth * size);
        const double baseline_px = line.baseline_y + line.baseline_slope * (w.box.x - line.box.x);
        const double angle = -std::atan(line.baseline_slope);
        const double c = std::cos(angle), sn = std::sin(angle);
        s += fmt::format("/F1 {} Tf {} Tz {} {} {} {} {} {} Tm <{}> Tj\n", Num(size), Num(scale), Num(c), Num(sn),
                         Num(-sn), Num(c), Num(w.box.x * k), Num((height_px - baseline_px) * k), codes);
    }
    s += "ET\n";
    return s;
}

PdfWriter::PdfWriter(std::ostream& out, std::string font_program, std::string title)
    : out_(out), font_(std::move(font_program)), title_(std::move(title)) {
    start_ = out_.tellp();
    out_ << "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    offsets_.resize(kFirstFree - 1, 0);
    BeginObject(kFont);
    out_ << "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H\n"
         << "/DescendantFonts [" << kCidFont << " 0 R] /ToUnicode " << kToUnicode << " 0 R >>\nendobj\n";
    BeginObject(kCidFont);
    out_ << "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont\n"
         << "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n"
         << "/FontDescriptor " << kDescriptor << " 0 R /DW " << static_cast<int>(kGlyphWidth * 1000) << " /CIDToGIDMap "
         << kCidToGid << " 0 R >>\nendobj\n";
    BeginObject(kDescriptor);
    out_ << "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 "
         << static_cast<int>(kGlyphWidth * 1000) << " 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0"
         << " /CapHeight 1000 /StemV 80 /FontFile2 " << kFontFile << " 0 R >>\nendobj\n";
    WriteStream(kFontFile, fmt::format("/Length1 {}", font_.size()), font_, true);
    std::string map(65536 * 2, '\0');
    for (std::size_t i = 0; i < 65536; ++i) map[i * 2 + 1] = '\x01';
    WriteStream(kCidToGid, "", map, true);
    WriteStream(kToUnicode, "", ToUnicodeCMap(), true);
    BeginObject(kInfo);
    out_ << "<< /Producer (Precinct) /Creator (Precinct OCR, Tesseract 5) /Title " << PdfTextString(title_)
         << " >>\nendobj\n";
}

int PdfWriter::NewObject() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size());
}

void PdfWriter::BeginObject(int id) {
    offsets_[static_cast<std::size_t>(id - 1)] = out_.tellp() - start_;
    out_ << id << " 0 obj\n";
}

void PdfWriter::WriteStream(int id, std::string_view dict_extra, std::string_view data, bool compress) {
    std::string packed;
    if (compress) packed = Deflate(data);
    const bool deflated = compress && !packed.empty();
    const std::string_view body = deflated ? std::string_view(packed) : data;
    BeginObject(id);
    out_ << "<< /Length " << body.size() << (deflated ? " /Filter /FlateDecode" : "") << (dict_extra.empty() ? "" : " ")
         << dict_extra << " >>\nstream\n";
    out_.write(body.data(), static_cast<std::streamsize>(body.size()));
    out_ << "\nendstream\nendobj\n";
}

Status PdfWriter::AddPage(const PdfPage& page) {
    if (finished_) return Fail(ErrorCode::kInternal, "PdfWriter: page added after Finish");
    if (page.width_px <= 0 || page.height_px <= 0 || page.dpi <= 0 || page.jpeg.empty()) {
        return Fail(ErrorCode::kInternal, "PdfWriter: a page needs its size, resolution and image");
    }
    const double k = 72.0 / page.dpi;
    const double w_pt = page.width_px * k, h_pt = page.height_px * k;
    const int page_id = NewObject(), content_id = NewObject(), image_id = NewObject();
    page_ids_.push_back(page_id);
    BeginObject(page_id);
    out_ << "<< /Type /Page /Parent " << kPages << " 0 R /MediaBox [0 0 " << Num(w_pt) << " " << Num(h_pt) << "]\n"
         << "/Resources << /XObject << /Im1 " << image_id << " 0 R >> /Font << /F1 " << kFont << " 0 R >> >>\n"
         << "/Contents " << content_id << " 0 R >>\nendobj\n";
    std::string content = fmt::format("q {} 0 0 {} 0 0 cm /Im1 Do Q\n", Num(w_pt), Num(h_pt));
    if (page.ocr != nullptr) content += TextLayer(*page.ocr, page.height_px, page.dpi);
    WriteStream(content_id, "", content, true);
    WriteStream(image_id,
                fmt::format("/Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /{} /BitsPerComponent 8 "
                            "/Filter /DCTDecode",
                            page.width_px, page.height_px, page.grey ? "DeviceGray" : "DeviceRGB"),
                page.jpeg, false);
    if (!out_) return Fail(ErrorCode::kUnavailable, "cannot write the PDF");
    return Ok();
}

Status PdfWriter::Finish() {
    if (finished_) return Ok();
    finished_ = true;
    BeginObject(kPages);
    out_ << "<< /Type /Pages /Count " << page_ids_.size() << " /Kids [";
    for (std::size_t i = 0; i < page_ids_.size(); ++i) out_ << (i ? " " : "") << page_ids_[i] << " 0 R";
    out_ << "] >>\nendobj\n";
    BeginObject(kCatalog);
    out_ << "<< /Type /Catalog /Pages " << kPages << " 0 R >>\nendobj\n";
    const std::streamoff xref = out_.tellp() - start_;
    out_ << "xref\n0 " << offsets_.size() + 1 << "\n0000000000 65535 f \n";
    for (std::streamoff off : offsets_) out_ << fmt::format("{:010d} 00000 n \n", static_cast<long long>(off));
    out_ << "trailer\n<< /Size " << offsets_.size() + 1 << " /Root " << kCatalog << " 0 R /Info " << kInfo
         << " 0 R >>\nstartxref\n"
         << xref << "\n%%EOF\n";
    out_.flush();
    if (!out_) return Fail(ErrorCode::kUnavailable, "cannot write the PDF");
    return Ok();
}

Result<std::string> LoadGlyphlessFont(const std::string& tessdata_dir) {
    const auto path = std::filesystem::path(tessdata_dir) / "pdf.ttf";
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("the glyphless PDF font {} is missing (package tesseract-ocr)", path.string()));
    }
    std::string font((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (font.size() < 12) return Fail(ErrorCode::kUnavailable, fmt::format("{} is not a font", path.string()));
    return font;
}

}  // namespace precinct::digitize
