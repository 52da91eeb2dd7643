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
};
// Prints the JSON report. 0 only for a genuine card; 1 for every other verdict; 2 for bad input.
int RunVerify(const VerifyCliOptions& options);

}  // namespace precinct::identity
