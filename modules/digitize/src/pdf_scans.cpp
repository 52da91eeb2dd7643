// qpdf 11: std::shared_ptr only, no PointerHolder.
#define POINTERHOLDER_TRANSITION 4
#include "pdf_scans.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cmath>
#include <string>
#include <vector>

namespace precinct::digitize {

struct PdfScans::Impl {
    QPDF pdf;
    std::vector<QPDFPageObjectHelper> pages;
};

PdfScans::PdfScans() : impl_(new Impl()) {}
PdfScans::~PdfScans() = default;

std::unique_ptr<PdfScans> PdfScans::Open(std::string_view bytes) {
    std::unique_ptr<PdfScans> scans(new PdfScans());
    try {
        scans->impl_->pdf.setSuppressWarnings(true);
        scans->impl_->pdf.processMemoryFile("upload", bytes.data(), bytes.size());
        scans->impl_->pages = QPDFPageDocumentHelper(scans->impl_->pdf).getAllPages();
    } catch (const std::exception&) {
        return nullptr;
    }
    return scans;
}

int PdfScans::pages() const { return static_cast<int>(impl_->pages.size()); }

PixPtr PdfScans::Scan(int index, std::int64_t max_pixels) const {
    try {
        QPDFPageObjectHelper page = impl_->pages.at(static_cast<std::size_t>(index));
        QPDFObjectHandle page_obj = page.getObjectHandle();
        if (page_obj.hasKey("/Rotate") && page_obj.getKey("/Rotate").isInteger() &&
            page_obj.getKey("/Rotate").getIntValue() % 360 != 0) {
            return {};
        }
        QPDFObjectHandle resources = page.getAttribute("/Resources", false);
        if (resources.isDictionary() && resources.hasKey("/Font")) return {};  // text, or an earlier OCR layer
        auto images = page.getImages();
        if (images.size() != 1) return {};
        QPDFObjectHandle image = images.begin()->second;
        QPDFObjectHandle dict = image.getDict();
        auto integer = [&dict](const char* key) {
            QPDFObjectHandle v = dict.getKey(key);
            return v.isInteger() ? v.getIntValue() : -1;
        };
        const long long w = integer("/Width"), h = integer("/Height"), bpc = integer("/BitsPerComponent");
        if (w <= 0 || h <= 0 || w * h > max_pixels || w > 100'000 || h > 100'000) return {};
        if (dict.hasKey("/ImageMask") || dict.hasKey("/Decode") || dict.hasKey("/SMask") || dict.hasKey("/Mask"))
            return {};
        // The image must cover the page: same aspect ratio as the media box, within 2 %.
        QPDFObjectHandle box = page.getMediaBox();
        if (!box.isRectangle()) return {};
        const auto rect = box.getArrayAsRectangle();
        const double pw = rect.urx - rect.llx, ph = rect.ury - rect.lly;
        if (!(pw > 1 && ph > 1) || std::abs((w / static_cast<double>(h)) / (pw / ph) - 1) > 0.02) return {};
        const int dpi = static_cast<int>(std::lround(w * 72.0 / pw));
        if (dpi < 50 || dpi > 2400) return {};

        int components = 0;
        QPDFObjectHandle cs = dict.getKey("/ColorSpace");
        if (cs.isArray() && cs.getArrayNItems() == 2 && cs.getArrayItem(0).isNameAndEquals("/ICCBased")) {
            QPDFObjectHandle n =
                cs.getArrayItem(1).isStream() ? cs.getArrayItem(1).getDict().getKey("/N") : QPDFObjectHandle::newNull();
            components = n.isInteger() ? static_cast<int>(n.getIntValue()) : 0;
        } else if (cs.isNameAndEquals("/DeviceGray")) {
            components = 1;
        } else if (cs.isNameAndEquals("/DeviceRGB")) {
            components = 3;
        }
        if (components != 1 && components != 3) return {};

        PixPtr pix;
        QPDFObjectHandle filter = dict.getKey("/Filter");
        if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
        if (filter.isNameAndEquals("/DCTDecode")) {
            auto raw = image.getRawStreamData();
            pix.reset(pixReadMem(raw->getBuffer(), raw->getSize()));
        } else if (bpc == 8 || (bpc == 1 && components == 1)) {
            auto data = image.getStreamData(qpdf_dl_generalized);  // throws for filters it cannot undo
            const long long row = (w * components * bpc + 7) / 8;
            if (static_cast<long long>(data->getSize()) < row * h) return {};
            pix.reset(pixCreate(static_cast<l_int32>(w), static_cast<l_int32>(h),
                                bpc == 1          ? 1
                                : components == 1 ? 8
                                                  : 32));
            if (!pix) return {};
            const unsigned char* src = data->getBuffer();
            for (long long y = 0; y < h; ++y) {
                l_uint32* line = pixGetData(pix.get()) + y * pixGetWpl(pix.get());
                const unsigned char* r = src + y * row;
                for (long long x = 0; x < w; ++x) {
                    if (bpc == 1) {
                        // PDF: 1 is white; Leptonica: 1 is black.
                        if (((r[x >> 3] >> (7 - (x & 7))) & 1) == 0) SET_DATA_BIT(line, x);
                    } else if (components == 1) {
                        SET_DATA_BYTE(line, x, r[x]);
                    } else {
                        composeRGBPixel(r[x * 3], r[x * 3 + 1], r[x * 3 + 2], line + x);
                    }
                }
            }
        }
        if (!pix || pixGetWidth(pix.get()) != w || pixGetHeight(pix.get()) != h) return {};
        pixSetResolution(pix.get(), dpi, dpi);
        return pix;
    } catch (const std::exception&) {
        return {};  // poppler gets its turn
    }
}

}  // namespace precinct::digitize
