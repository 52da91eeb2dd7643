#include "input.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "pdf_writer.hpp"
#include "test_images.hpp"

namespace precinct::digitize {
namespace {

using test_images::Jpeg;
using test_images::Png;
using test_images::TextLikePage;

std::string MultipageTiff(int pages) {
    PIXA* pixa = pixaCreate(pages);
    for (int i = 0; i < pages; ++i) {
        PixPtr page = TextLikePage(400 + i * 10, 500, 3);
        PixPtr binary(pixThresholdToBinary(page.get(), 128));
        pixaAddPix(pixa, binary.release(), L_INSERT);
    }
    const auto path =
        std::filesystem::temp_directory_path() / ("precinct_input_test_" + std::to_string(::getpid()) + ".tif");
    pixaWriteMultipageTiff(path.c_str(), pixa);
    pixaDestroy(&pixa);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return bytes;
}

TEST(InputFormat, DetectsByContentNotName) {
    struct Case {
        std::string bytes;
        InputFormat want;
    };
    const Case cases[] = {
        {std::string("\x89PNG\r\n\x1a\n....", 12), InputFormat::kPng},
        {"\xff\xd8\xff\xe0 JFIF", InputFormat::kJpeg},
        {std::string("II*\0....", 8), InputFormat::kTiff},
        {std::string("MM\0*....", 8), InputFormat::kTiff},
        {"%PDF-1.7\n", InputFormat::kPdf},
        {std::string(100, ' ') + "%PDF-1.4", InputFormat::kPdf},  // junk before the header, as readers allow
        {std::string(2000, ' ') + "%PDF-1.4", InputFormat::kUnknown},
        {"GIF89a", InputFormat::kUnknown},
        {"", InputFormat::kUnknown},
        {"\x89PN", InputFormat::kUnknown},
    };
    for (const auto& c : cases) EXPECT_EQ(DetectFormat(c.bytes), c.want) << c.bytes.substr(0, 12);
}

TEST(SourceDocument, RefusesEmptyUnknownAndTruncatedFiles) {
    auto empty = SourceDocument::Open("");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(empty.error().field, "file");

    auto gif = SourceDocument::Open("GIF89a.......");
    ASSERT_FALSE(gif);
    EXPECT_NE(gif.error().message.find("PNG, JPEG, TIFF or PDF"), std::string::npos);

    PixPtr page = TextLikePage(300, 400, 2);
    const std::string png = Png(page.get());
    auto cut = SourceDocument::Open(png.substr(0, 40));
    if (cut) {
        EXPECT_FALSE((*cut)->RenderPage(0));  // header readable, pixels not: an error, not a crash
    } else {
        EXPECT_EQ(cut.error().code, ErrorCode::kInvalidArgument);
    }
    auto pdf = SourceDocument::Open("%PDF-1.4\n1 0 obj garbage");
    ASSERT_FALSE(pdf);
    EXPECT_EQ(pdf.error().field, "file");
}

TEST(SourceDocument, ReadsPngAndJpegAsOnePage) {
    PixPtr page = TextLikePage(620, 877, 5);
    for (const std::string& bytes : {Png(page.get()), Jpeg(page.get())}) {
        auto doc = SourceDocument::Open(bytes);
        ASSERT_TRUE(doc) << doc.error().message;
        EXPECT_EQ((*doc)->page_count(), 1);
        auto pix = (*doc)->RenderPage(0);
        ASSERT_TRUE(pix);
        EXPECT_EQ(pixGetWidth(pix->get()), 620);
        EXPECT_EQ(pixGetHeight(pix->get()), 877);
        EXPECT_EQ(pixGetXRes(pix->get()), 300);
        EXPECT_FALSE((*doc)->RenderPage(1));
    }
}

TEST(SourceDocument, ReadsEveryPageOfAMultipageTiff) {
    auto doc = SourceDocument::Open(MultipageTiff(3));
    ASSERT_TRUE(doc) << doc.error().message;
    EXPECT_EQ((*doc)->format(), InputFormat::kTiff);
    ASSERT_EQ((*doc)->page_count(), 3);
    for (int i = 0; i < 3; ++i) {
        auto pix = (*doc)->RenderPage(i);
        ASSERT_TRUE(pix) << pix.error().message;
        EXPECT_EQ(pixGetWidth(pix->get()), 400 + i * 10);
    }
}

TEST(SourceDocument, RendersPdfPagesAtTheConfiguredResolution) {
    // A PDF of our own writer: two A6-sized pages at 100 dpi (413 x 583 px), rendered back at 150 dpi.
    PixPtr page = TextLikePage(413, 583, 4);
    const std::string jpeg = Jpeg(page.get());
    std::ostringstream out;
    PdfWriter writer(out, "", "test");
    PdfPage p;
    p.width_px = 413;
    p.height_px = 583;
    p.dpi = 100;
    p.jpeg = jpeg;
    ASSERT_TRUE(writer.AddPage(p));
    ASSERT_TRUE(writer.AddPage(p));
    ASSERT_TRUE(writer.Finish());
    InputLimits limits;
    limits.pdf_dpi = 150;
    auto doc = SourceDocument::Open(out.str(), limits);
    ASSERT_TRUE(doc) << doc.error().message;
    ASSERT_EQ((*doc)->page_count(), 2);
    auto pix = (*doc)->RenderPage(1);
    ASSERT_TRUE(pix) << pix.error().message;
    EXPECT_NEAR(pixGetWidth(pix->get()), 620, 2);
    EXPECT_NEAR(pixGetHeight(pix->get()), 875, 2);
    EXPECT_EQ(pixGetXRes(pix->get()), 150);
}

// A PDF as a scanner writes it: one page, one image covering it, no fonts.
std::string ScannerPdf(const std::string& image, int w, int h, const char* filter, double page_w_pt, double page_h_pt) {
    std::vector<std::string> objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(page_w_pt) + " " + std::to_string(page_h_pt) +
            "] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
    };
    const std::string content =
        "q " + std::to_string(page_w_pt) + " 0 0 " + std::to_string(page_h_pt) + " 0 0 cm /Im0 Do Q";
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(w) + " /Height " +
                      std::to_string(h) + " /ColorSpace /DeviceGray /BitsPerComponent 8" +
                      (filter ? std::string(" /Filter /") + filter : "") + " /Length " + std::to_string(image.size()) +
                      " >>\nstream\n" + image + "\nendstream");
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t off : offsets) {
        std::string n = std::to_string(off);
        pdf += std::string(10 - n.size(), '0') + n + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

TEST(SourceDocument, TakesAScannedPdfPageAsItsEmbeddedImage) {
    // Raw 8-bit grey samples: the page comes back pixel for pixel, at the resolution the page size implies.
    const int w = 150, h = 200;
    std::string raw(static_cast<std::size_t>(w * h), '\0');
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) raw[static_cast<std::size_t>(y * w + x)] = static_cast<char>((x * 7 + y * 3) % 256);
    }
    auto doc = SourceDocument::Open(ScannerPdf(raw, w, h, nullptr, 72, 96));  // 150 px over 1 inch: 150 dpi
    ASSERT_TRUE(doc) << doc.error().message;
    auto pix = (*doc)->RenderPage(0);
    ASSERT_TRUE(pix) << pix.error().message;
    ASSERT_EQ(pixGetWidth(pix->get()), w);
    ASSERT_EQ(pixGetHeight(pix->get()), h);
    EXPECT_EQ(pixGetXRes(pix->get()), 150);
    int differ = 0;
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            l_uint32 v = 0;
            pixGetPixel(pix->get(), x, y, &v);
            differ += static_cast<int>(v) != (x * 7 + y * 3) % 256;
        }
    }
    EXPECT_EQ(differ, 0);

    // A JPEG scan is handed to the JPEG decoder as it is stored.
    PixPtr page = TextLikePage(300, 400, 3);
    auto jpeg_doc = SourceDocument::Open(ScannerPdf(Jpeg(page.get()), 300, 400, "DCTDecode", 72, 96));
    ASSERT_TRUE(jpeg_doc);
    auto jpeg_pix = (*jpeg_doc)->RenderPage(0);
    ASSERT_TRUE(jpeg_pix);
    EXPECT_EQ(pixGetWidth(jpeg_pix->get()), 300);
    EXPECT_EQ(pixGetXRes(jpeg_pix->get()), 300);

    // An image that does not cover the page (here half its height) is left to the renderer.
    auto partial = SourceDocument::Open(ScannerPdf(raw, w, h, nullptr, 72, 192));
    ASSERT_TRUE(partial);
    auto rendered = (*partial)->RenderPage(0);
    ASSERT_TRUE(rendered);
    EXPECT_EQ(pixGetXRes(rendered->get()), 300);
}

TEST(SourceDocument, EnforcesTheLimitsBeforeDecoding) {
    PixPtr page = TextLikePage(400, 500, 2);
    InputLimits small;
    small.max_page_pixels = 100'000;
    auto big = SourceDocument::Open(Png(page.get()), small);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, ErrorCode::kTooLarge);

    small = InputLimits{};
    small.max_bytes = 100;
    auto bytes = SourceDocument::Open(Png(page.get()), small);
    ASSERT_FALSE(bytes);
    EXPECT_EQ(bytes.error().code, ErrorCode::kTooLarge);

    small = InputLimits{};
    small.max_pages = 2;
    auto pages = SourceDocument::Open(MultipageTiff(3), small);
    ASSERT_FALSE(pages);
    EXPECT_EQ(pages.error().code, ErrorCode::kTooLarge);
}

}  // namespace
}  // namespace precinct::digitize
