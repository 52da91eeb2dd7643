#pragma once
// The verdict on a chip ID card: everything read from the chip (or a dump of it) checked against the state's
// signature and against the chip's own proofs, with every check and the reasoning spelled out.
//
// Why the verdict needs more than the signature: passive authentication (the document signer's signature over
// the data-group hashes in EF.SOD, chained to a trusted CSCA) proves the DATA was issued by the state and not
// changed since. Anyone can copy those files onto another chip, and the copy passes passive authentication
// too. Only the original chip holds the private keys whose public halves are in DG14 (chip authentication)
// and DG15 (active authentication), and those keys can never be read out. So:
//   genuine          = passive authentication passed AND the live chip proved possession of its key by CA or
//                      AA wherever its files announce either.
//   clone_suspected  = the data is authentic, but a proof the chip announces was run and failed.
//   chip_not_proven  = the data is authentic, but no live proof was made (a dump folder, or a chip that
//                      announces neither CA nor AA).
//   altered          = a signature or data-group hash does not match: the data was changed.
//   untrusted        = the signature is intact but its signer does not chain to a trusted CSCA.
//   expired          = the document or its signer's certificate is past its validity.
//   unreadable       = required files are missing or malformed.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "precinct/identity/bytes.hpp"
#include "precinct/identity/chip_data.hpp"

namespace precinct::identity {

class TrustStore;

enum class Verdict { kGenuine, kCloneSuspected, kChipNotProven, kAltered, kUntrusted, kExpired, kUnreadable };

// "genuine", "clone_suspected", …
std::string_view VerdictName(Verdict verdict);

// One check of the report. `category`: "printed" (MRZ check digits, personal number), "passive" (signature,
// chain, hashes), "chip" (CA, AA), "data" (consistency between groups, validity). Informational checks never
// change the verdict.
struct ReportCheck {
    std::string id;        // stable key: "mrz.check_digits", "pa.signature", "pa.hash.dg1", "chip.ca" …
    std::string category;
    bool passed = false;
    bool informational = false;
    std::string title_vi;  // shown to officers, Vietnamese first
    std::string title_en;
    std::string detail;    // what was found, in English (values, dates, reasons)
};

// The holder's data as printed in DG1 and DG13, for display. Empty strings where the chip had no such field.
struct HolderData {
    std::string personal_number;  // 12 digits (DG13 field 1, else the MRZ's optional data)
    std::string full_name;        // DG13 (Unicode, with diacritics), else the MRZ name
    std::string date_of_birth;    // as the chip writes it (DG13: DD/MM/YYYY); MRZ YYMMDD in mrz_date_of_birth
    std::string sex;
    std::string nationality;
    std::string ethnicity;
    std::string religion;
    std::string place_of_origin;
    std::string place_of_residence;
    std::string identifying_marks;
    std::string issue_date;
    std::string expiry_date;
    std::string father_name;
    std::string mother_name;
    std::string spouse_name;
    std::string old_id_number;
    std::string document_number;  // MRZ
    std::string document_code;    // MRZ: "ID", "P<"
    std::string issuing_state;    // MRZ: "VNM"
    std::string mrz_date_of_birth;
    std::string mrz_date_of_expiry;
    std::vector<std::string> mrz_lines;
    std::string province;         // from the personal number's first three digits
};

struct FacePhoto {
    Bytes png;                  // re-encoded for browsers
    std::string source_format;  // "image/jpeg", "image/jp2"
    int width = 0;
    int height = 0;
};

struct FileSummary {
    std::string name;  // "EF.COM", "DG1", "EF.SOD"
    std::size_t size = 0;
};

struct VerificationReport {
    Verdict verdict = Verdict::kUnreadable;
    std::string verdict_vi;           // one sentence for the officer
    std::string verdict_en;
    std::vector<std::string> reasoning;  // the verdict's logic applied to this card, step by step (English)
    HolderData holder;
    std::vector<FacePhoto> faces;
    std::vector<ReportCheck> checks;
    SessionRecord session;
    std::vector<FileSummary> files;
    std::string document_signer;  // subject of the DS certificate
    std::string csca;             // subject of the CSCA it chains to, if any
    std::string verified_at;      // ISO 8601 UTC
};

struct VerifyOptions {
    bool decode_faces = true;  // re-encode DG2 images to PNG (skip for bulk verification)
};

// Verifies what a reader session or a dump produced. Never fails: malformed input yields verdict kUnreadable
// with the parse errors as failed checks. Thread-safe for concurrent calls sharing one TrustStore.
VerificationReport Verify(const ChipRead& read, const TrustStore& trust, std::chrono::system_clock::time_point now,
                          const VerifyOptions& options = {});

// Reads a dump folder: one file per elementary file, named EF_COM.bin, EF_SOD.bin, EF_CardAccess.bin,
// DG1.bin … DG16.bin (also accepted: Datagroup1.bin, EF.COM, dg1.bin; case-insensitive). Certificates, CRLs,
// master lists and notes beside them (.cer .crt .pem .crl .mls .txt .md .json) are skipped. Files above 1 MiB,
// more than 32 files, other names or a folder without EF.SOD are refused with a clear error.
Result<ChipFiles> LoadDump(const std::string& dir);
// The same from named files in memory (an upload): the names and limits of LoadDump.
Result<ChipFiles> ChipFilesFromNamed(std::vector<std::pair<std::string, Bytes>> named);
// Writes `files` to `dir` (created) with the names above.
Status WriteDump(const ChipFiles& files, const std::string& dir);
// The file name (without folder) a dump uses for DG `number`, EF.COM (0), EF.SOD (-1), EF.CardAccess (-2).
std::string DumpFileName(int number);

}  // namespace precinct::identity
