#pragma once
// JSON of verification reports, shared by the routes and the CLI.
#include "core/json.hpp"
#include "precinct/identity/personal_number.hpp"
#include "precinct/identity/verify.hpp"

namespace precinct::identity {

struct ReportJsonOptions {
    bool include_faces = true;  // false: "faces_withheld": true instead of the images
};

Json ReportJson(const VerificationReport& report, const ReportJsonOptions& options = {});
Json ProofJson(const ChipProof& proof);
// The analysis of a personal number: province (both tables), sex, birth year, checks, warnings, unverified.
Json PersonalNumberJson(const PersonalNumber& number);

}  // namespace precinct::identity
