#pragma once
// `precinct id …`: chip ID cards from the command line, without a server.
#include <string>

namespace precinct::identity {

struct BacKeysOptions {
    std::string document_number;
    std::string date_of_birth;   // YYMMDD
    std::string date_of_expiry;  // YYMMDD
};
// Prints K_seed, K_enc and K_mac in hex. 0 on success, 2 for bad input.
int RunBacKeys(const BacKeysOptions& options);

struct VerifyCliOptions {
    std::string dump_dir;
    std::string trust;      // a folder or one file (certificate or master list); empty: nothing trusted
    std::string faces_dir;  // if set, DG2 faces are written there as PNG
    bool include_faces = false;  // embed the faces in the JSON (base64)
};
// Prints the JSON report. 0 only for a genuine card; 1 for every other verdict; 2 for bad input.
int RunVerify(const VerifyCliOptions& options);

struct ReadCliOptions {
    std::string reader;  // PC/SC reader name, "software:genuine|cloned|altered|expired", empty: first PC/SC reader
    std::string mrz;     // "DOCUMENT,YYMMDD,YYMMDD" or the MRZ text
    std::string can;     // 6 digits
    std::string trust;
    std::string out_dir;  // if set, the files read are written there as a dump
    std::string faces_dir;
    bool include_faces = false;
};
// Reads a card, verifies it and prints the JSON report. Exit codes as RunVerify.
int RunRead(const ReadCliOptions& options);

// Lists PC/SC readers and the software cards. 0, or 1 when PC/SC is unavailable (the software cards are still
// listed).
int RunReaders();

struct DemoDumpOptions {
    std::string variant = "genuine";
    std::string out_dir;
    std::string trust_out;  // where the software cards' test CSCA certificate is written (PEM)
};
// Writes the files of a software card and its test CSCA, for trying `precinct id verify`.
int RunDemoDump(const DemoDumpOptions& options);

struct VirtualCardCliOptions {
    std::string variant = "genuine";
    int port = 35963;
    std::string trust_out;  // where the software card's test CSCA certificate is written (PEM)
};
// Inserts a software card into the vpcd virtual reader of pcscd and answers it until pcscd stops. 0 then; 1 when
// vpcd cannot be reached; 2 for bad input.
int RunVirtualCard(const VirtualCardCliOptions& options);

struct PrintedOptions {
    std::string mrz;       // MRZ text (lines joined by newlines or '|' is not allowed — use \n)
    std::string number;    // 12-digit personal number
    std::string qr_text;
    std::string qr_image;  // file
    std::string date_of_birth;  // YYYY-MM-DD, to check the number against
};
// Parses the printed data of a card and prints JSON. 0 when every check passes, 1 when one fails, 2 bad input.
int RunPrinted(const PrintedOptions& options);

}  // namespace precinct::identity
