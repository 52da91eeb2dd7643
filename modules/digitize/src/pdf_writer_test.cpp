#include "pdf_writer.hpp"

#include <gtest/gtest.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <memory>
#include <sstream>

#include "engine.hpp"
#include "test_images.hpp"

namespace precinct::digitize {
namespace {

// Two lines of words at known places on a 1240 x 1754 px page (A4 at 150 dpi).
PageOcr SamplePage() {
    PageOcr ocr;
    ocr.width = 1240;
    ocr.height = 1754;
    ocr.dpi = 150;
    ocr.lines = {{{100, 200, 700, 40}, 232, 0, 0}, {{100, 300, 500, 40}, 332, 0, 1}};
    ocr.words = {{"QUYẾT", {100, 200, 180, 40}, 95, 0},
                 {"ĐỊNH", {300, 200, 150, 40}, 93, 0},
                 {"Số:", {100, 300, 90, 40}, 90, 1},
                 {"123/QĐ-UBND", {210, 300, 390, 40}, 88, 1}};
    return ocr;
}

std::string SamplePdf(const PageOcr& ocr) {
    auto font = LoadGlyphlessFont(TessdataDir(EngineSettings{}));
    EXPECT_TRUE(font) << font.error().message;
    PixPtr image = test_images::TextLikePage(ocr.width, ocr.height, 2);
    const std::string jpeg = test_images::Jpeg(image.get());
    std::ostringstream out;
    PdfWriter writer(out, font ? *font : std::string(), "Quyết định 123");
    PdfPage page;
    page.width_px = ocr.width;
    page.height_px = ocr.height;
    page.dpi = ocr.dpi;
    page.jpeg = jpeg;
    page.ocr = &ocr;
    EXPECT_TRUE(writer.AddPage(page));
    EXPECT_TRUE(writer.AddPage(page));
    EXPECT_TRUE(writer.Finish());
    return out.str();
}

TEST(PdfWriter, TextLayerCopiesAsWrittenAndSitsOnTheWords) {
    const PageOcr ocr = SamplePage();
    const std::string pdf = SamplePdf(ocr);
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->pages(), 2);
    std::unique_ptr<poppler::page> page(doc->create_page(0));
    ASSERT_TRUE(page);
    // A4 at 150 dpi is 595.2 x 841.9 pt.
    EXPECT_NEAR(page->page_rect().width(), 595.2, 0.5);
    const poppler::byte_array text = page->text().to_utf8();
    const std::string s(text.begin(), text.end());
    EXPECT_NE(s.find("QUYẾT ĐỊNH"), std::string::npos) << s;
    EXPECT_NE(s.find("Số: 123/QĐ-UBND"), std::string::npos) << s;
    // Each word's box in the PDF covers the word's box on the image (1 px = 72/150 pt).
    int checked = 0;
    for (const auto& box : page->text_list()) {
        const poppler::byte_array w = box.text().to_utf8();
        const std::string word(w.begin(), w.end());
        if (word != "123/QĐ-UBND") continue;
        const double k = 72.0 / 150;
        EXPECT_NEAR(box.bbox().x(), 210 * k, 2);
        EXPECT_NEAR(box.bbox().x() + box.bbox().width(), 600 * k, 4);
        // Vertically the box sits on the word's line (poppler adds its own descent below the baseline).
        const double middle = box.bbox().y() + box.bbox().height() / 2;
        EXPECT_GT(middle, 300 * k);
        EXPECT_LT(middle, 340 * k);
        ++checked;
    }
    EXPECT_EQ(checked, 1);
    EXPECT_NE(doc->info_key("Title").to_latin1().size(), 0u);
}

TEST(PdfWriter, InvisibleTextUsesRenderMode3AndIdentityCodes) {
    const std::string layer = TextLayer(SamplePage(), 1754, 150);
    EXPECT_EQ(layer.rfind("BT\n3 Tr\n", 0), 0u);
    // "ĐỊNH" is U+0110 U+1ECA U+004E U+0048, the last word of its line: no trailing space.
    EXPECT_NE(layer.find("<01101ECA004E0048> Tj"), std::string::npos) << layer;
    // "QUYẾT" has a following word on its line: a space code is appended.
    EXPECT_NE(layer.find("<0051005500591EBE00540020> Tj"), std::string::npos) << layer;
}

TEST(PdfWriter, RefusesPagesWithoutImageOrAfterFinish) {
    std::ostringstream out;
    PdfWriter writer(out, "", "");
    EXPECT_FALSE(writer.AddPage(PdfPage{}));
    ASSERT_TRUE(writer.Finish());
    PdfPage page;
    page.width_px = page.height_px = 10;
    page.jpeg = "x";
    EXPECT_FALSE(writer.AddPage(page));
}

}  // namespace
}  // namespace precinct::digitize
