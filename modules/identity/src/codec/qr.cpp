#include "precinct/identity/qr.hpp"

// zxing-cpp 1.4: Result::text() as UTF-8 (std::string), not the deprecated wide string.
#define ZX_USE_UTF8 1

#include <BitMatrix.h>
#include <MultiFormatWriter.h>
#include <ReadBarcode.h>
#include <allheaders.h>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <memory>
#include <string>

#include "codec/digits.hpp"
#include "codec/leptonica.hpp"
#include "codec/utf8.hpp"
#include "text/normalize.hpp"

namespace precinct::identity {

namespace {


tl::unexpected<Error> Invalid(std::string message, std::string field = {}) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(field));
}

std::string_view Trim(std::string_view s) {
    static constexpr std::string_view kBom = "\xEF\xBB\xBF";
    if (s.starts_with(kBom)) s.remove_prefix(kBom.size());
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// ddmmyyyy -> YYYY-MM-DD, or an error naming `field`.
Result<std::string> DdMmYyyyToIso(std::string_view text, std::string_view field) {
    if (text.size() != 8 || !AllDigits(text)) {
        return Invalid(fmt::format("QR code: {} must be 8 digits ddmmyyyy", field), std::string(field));
    }
    const int day = DigitsValue(text.substr(0, 2));
    const int month = DigitsValue(text.substr(2, 2));
    const int year = DigitsValue(text.substr(4, 4));
    if (year < 1800 || !IsCalendarDate(year, month, day)) {
        return Invalid(fmt::format("QR code: {} {} is not a calendar date", field, text), std::string(field));
    }
    return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::vector<std::string_view> SplitFields(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t bar = text.find('|', start);
        if (bar == std::string_view::npos) {
            out.push_back(text.substr(start));
            return out;
        }
        out.push_back(text.substr(start, bar - start));
        start = bar + 1;
    }
}

// Leptonica packs 8-bit pixels big-endian within 32-bit words: pixel x of a row is byte (3 - x % 4) of word x / 4
// on a little-endian machine. Read them by shifts so the result does not depend on the machine.
std::vector<std::uint8_t> GrayBytes(PIX* gray8, int width, int height) {
    std::vector<std::uint8_t> out(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    const l_uint32* data = pixGetData(gray8);
    const int wpl = pixGetWpl(gray8);
    for (int y = 0; y < height; ++y) {
        const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int x = 0; x < width; ++x) {
            const l_uint32 word = line[x / 4];
            out[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)] =
                static_cast<std::uint8_t>((word >> (24 - 8 * (x % 4))) & 0xFF);
        }
    }
    return out;
}

}  // namespace

Result<CccdQr> ParseCccdQr(std::string_view text) {
    if (text.size() > kMaxQrTextBytes) {
        return Invalid(fmt::format("QR code: {} bytes; at most {} accepted", text.size(), kMaxQrTextBytes), "qr");
    }
    const std::string_view trimmed = Trim(text);
    if (!IsValidUtf8(trimmed)) return Invalid("QR code: the text is not valid UTF-8", "qr");
    const std::string normalized = text::Nfc(trimmed);
    const std::vector<std::string_view> fields = SplitFields(normalized);
    if (fields.size() < 6) {
        return Invalid(fmt::format("QR code: {} fields separated by '|'; expected 7 (or 6)", fields.size()), "qr");
    }
    CccdQr out;
    // With 6 fields, the second is the old number (digits or empty) when the issue date was left out, and the
    // name when the old number was.
    std::size_t name_at = 2;
    if (fields.size() == 6) {
        const bool second_is_number = fields[1].empty() || AllDigits(fields[1]);
        out.layout = second_is_number ? CccdQrLayout::kNoIssueDate : CccdQrLayout::kNoOldIdNumber;
        if (!second_is_number) name_at = 1;
    }
    out.personal_number = std::string(fields[0]);
    if (out.personal_number.size() != 12 || !AllDigits(out.personal_number)) {
        return Invalid("QR code: the personal number (field 1) must be 12 digits", "personal_number");
    }
    if (name_at == 2) {
        out.old_id_number = std::string(fields[1]);
        if (!out.old_id_number.empty() &&
            (!AllDigits(out.old_id_number) || (out.old_id_number.size() != 9 && out.old_id_number.size() != 12))) {
            return Invalid("QR code: the old ID number (field 2) must be empty, 9 or 12 digits", "old_id_number");
        }
    }
    out.full_name = std::string(fields[name_at]);
    if (out.full_name.empty()) return Invalid("QR code: the full name is empty", "full_name");
    auto dob = DdMmYyyyToIso(fields[name_at + 1], "date of birth");
    if (!dob) return Fail(dob.error());
    out.date_of_birth = *dob;
    out.sex = std::string(fields[name_at + 2]);
    if (out.sex == "Nam" || out.sex == "NAM" || out.sex == "nam") {
        out.sex_code = 'M';
    } else if (out.sex == "Nữ" || out.sex == "NỮ" || out.sex == "nữ") {
        out.sex_code = 'F';
    } else {
        return Invalid("QR code: the sex must be Nam or Nữ", "sex");
    }
    out.address = std::string(fields[name_at + 3]);
    const std::size_t issue_at = name_at + 4;
    if (issue_at < fields.size()) {
        auto issued = DdMmYyyyToIso(fields[issue_at], "issue date");
        if (!issued) return Fail(issued.error());
        out.issue_date = *issued;
        for (std::size_t i = issue_at + 1; i < fields.size(); ++i) out.extra_fields.emplace_back(fields[i]);
    }
    return out;
}

Result<std::string> DecodeQrFromImage(ByteView image_file) {
    if (image_file.empty()) return Invalid("QR image: the file is empty", "image");
    if (image_file.size() > kMaxQrImageBytes) {
        return Invalid(fmt::format("QR image: {} bytes; at most {} accepted", image_file.size(), kMaxQrImageBytes),
                       "image");
    }
    l_int32 format = 0;
    l_int32 w = 0;
    l_int32 h = 0;
    if (pixReadHeaderMem(image_file.data(), image_file.size(), &format, &w, &h, nullptr, nullptr, nullptr) != 0) {
        return Invalid("QR image: not an image file Leptonica can read", "image");
    }
    if (w <= 0 || h <= 0 || w > kMaxQrImageSide || h > kMaxQrImageSide) {
        return Invalid(fmt::format("QR image: {}x{} pixels; at most {} on a side", w, h, kMaxQrImageSide), "image");
    }
    PixPtr pix(pixReadMem(image_file.data(), image_file.size()));
    if (!pix) return Invalid("QR image: the image does not decode", "image");
    PixPtr gray(pixConvertTo8(pix.get(), 0));
    if (!gray) return Invalid("QR image: the image cannot be turned into grey levels", "image");
    const int width = pixGetWidth(gray.get());
    const int height = pixGetHeight(gray.get());
    if (width != w || height != h) return Invalid("QR image: the decoded size differs from the header", "image");
    const std::vector<std::uint8_t> lum = GrayBytes(gray.get(), width, height);
    try {
        const ZXing::ImageView view(lum.data(), width, height, ZXing::ImageFormat::Lum);
        const auto hints =
            ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode).setTryHarder(true).setTryRotate(true);
        const ZXing::Result result = ZXing::ReadBarcode(view, hints);
        if (!result.isValid()) return Invalid("no QR code found", "image");
        // The CCCD writes UTF-8 without an ECI: take the bytes when they are UTF-8, else zxing's transcoding.
        const auto& bytes = result.bytes();
        std::string text(bytes.begin(), bytes.end());
        if (!IsValidUtf8(text)) text = result.text();
        return text;
    } catch (const std::exception& e) {
        return Fail(ErrorCode::kInternal, fmt::format("QR image: the decoder failed: {}", e.what()));
    }
}

Result<Bytes> EncodeQrPng(std::string_view text, int module_pixels) {
    if (module_pixels < 1 || module_pixels > 32) return Invalid("QR encoder: module_pixels must be 1-32");
    if (!IsValidUtf8(text)) return Invalid("QR encoder: the text is not valid UTF-8");
    if (text.size() > 2953) return Invalid("QR encoder: more than 2953 bytes do not fit a QR code");
    ZXing::BitMatrix matrix;
    try {
        matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                     .setEncoding(ZXing::CharacterSet::UTF8)
                     .setMargin(4)
                     .encode(std::string(text), 0, 0);
    } catch (const std::exception& e) {
        return Invalid(fmt::format("QR encoder: {}", e.what()));
    }
    const int modules_w = matrix.width();
    const int modules_h = matrix.height();
    if (modules_w <= 0 || modules_h <= 0) return Fail(ErrorCode::kInternal, "QR encoder: empty symbol");
    PixPtr pix(pixCreate(modules_w * module_pixels, modules_h * module_pixels, 1));
    if (!pix) return Fail(ErrorCode::kInternal, "QR encoder: cannot allocate the image");
    // 1 bit per pixel, 1 = black.
    for (int my = 0; my < modules_h; ++my) {
        for (int mx = 0; mx < modules_w; ++mx) {
            if (!matrix.get(mx, my)) continue;
            pixRasterop(pix.get(), mx * module_pixels, my * module_pixels, module_pixels, module_pixels, PIX_SET,
                        nullptr, 0, 0);
        }
    }
    return PixToPng(pix.get());
}

}  // namespace precinct::identity
