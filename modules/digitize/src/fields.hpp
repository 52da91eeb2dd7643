#pragma once
// The fields of a Vietnamese administrative document read from its OCR text (usually the first page): number and
// symbol, document type, date, place and issuing body, following the layout of Decree 30/2020/NĐ-CP (Appendix I):
//
//   BỘ CÔNG AN                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
//   CÔNG AN TỈNH BẮC NINH                   Độc lập - Tự do - Hạnh phúc
//   Số: 123/QĐ-CAT                       Bắc Ninh, ngày 05 tháng 3 năm 2024
//                              QUYẾT ĐỊNH
//                     Về việc ...
//
// OCR gives the two header columns one after the other (in either order) or interleaved line by line; both are
// read. Matching is on accent-folded words (text::FoldVietnamese), so text with lost or wrong diacritics ("So: 123/QD-
// UBND", "ngay 5 thang 3 nam 2024") is read too, while the values returned are the original text. Pure functions,
// no state; safe to call from any thread.
#include <string>
#include <string_view>
#include <vector>

namespace precinct::digitize {

// A kind of document. `code` is a stable ASCII identifier stored with documents; `abbreviations` are the ones used in
// document symbols (Decree 30/2020/NĐ-CP, Appendix III, and Law 80/2015/QH13 for legal documents), exact spelling.
struct DocTypeInfo {
    std::string code;
    std::string name_vi;
    std::string name_en;
    std::vector<std::string> abbreviations;
};

// Every type known, in a fixed order (the most common first). Built once; the reference stays valid for the program.
const std::vector<DocTypeInfo>& DocTypes();
// The type with this code, or nullptr.
const DocTypeInfo* FindDocType(std::string_view code);

struct DocFields {
    std::string number;  // number and symbol as printed, e.g. "123/QĐ-UBND", "45/2023/TT-BCA" (NFC, no spaces)
    std::string type;    // a DocTypeInfo code ("quyet_dinh", "cong_van", "bien_ban", "thong_bao", ...) or empty
    std::string date;    // ISO 8601 "2024-03-05" from "ngày 05 tháng 3 năm 2024", or empty; only valid dates
    std::string place;   // "Hà Nội" from "Hà Nội, ngày 05 tháng 3 năm 2024", or empty
    std::string issuer;  // issuing body, e.g. "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" / "CÔNG AN THÀNH PHỐ HÀ NỘI", or empty

    bool operator==(const DocFields&) const = default;
};

// Reads the fields from OCR text (UTF-8; invalid bytes are treated as separators). Only the first 64 KiB are looked
// at. A field that cannot be found with confidence is left empty rather than guessed:
//  - number: the first line that begins with "Số" (or a type name and "số:", as in "Luật số: 59/2020/QH14"),
//    followed by a number and a symbol with at least one "/" and one letter; spaces around "/" and "-" are dropped,
//    dashes (en dash, minus, ...) become "-", and the look-alike "Ð" (U+00D0) becomes "Đ".
//  - type: the upper-case title after the header ("QUYẾT ĐỊNH", "BIÊN BẢN VI PHẠM HÀNH CHÍNH"); else the type named
//    before "số"; else "cong_van" for a "V/v" line; else the type abbreviation of the symbol ("QĐ" in 123/QĐ-UBND);
//    else "cong_van" when the symbol has letters but no type abbreviation (123/UBND-VP).
//  - date and place: "<place>, ngày D tháng M năm YYYY" (or D/M/YYYY) in the header, a header line that is only
//    the date, or the date of a "Hôm nay, ..." sentence (minutes); impossible dates (31/02) are ignored.
//  - issuer: the last body of the upper-case block at the top left (the superior body's line dropped, a name wrapped
//    over two lines joined with a space); never the national motto. Only read when the text has a header (a number
//    line, a title or the motto).
DocFields ExtractFields(std::string_view text);

}  // namespace precinct::digitize
