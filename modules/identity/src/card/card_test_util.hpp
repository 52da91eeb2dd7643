#pragma once
// Shared by the card part's tests: one software card factory per test binary, made at a fixed instant.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <memory>

#include "precinct/identity/chip_reader.hpp"
#include "precinct/identity/software_card.hpp"

namespace precinct::identity::card_test {

// 2025-06-01T12:00:00Z: the software cards' PKI is valid around it; the expired card expired 400 days before.
inline std::chrono::system_clock::time_point TestNow() {
    using namespace std::chrono;
    return sys_days{year{2025} / June / 1} + hours{12};
}

inline SoftwareCardFactory CreateFactoryOrAbort() {
    auto made = SoftwareCardFactory::Create(TestNow());
    if (!made) {
        ADD_FAILURE() << made.error().message;
        std::abort();
    }
    return std::move(*made);
}

inline const SoftwareCardFactory& Factory() {
    static const SoftwareCardFactory factory = CreateFactoryOrAbort();
    return factory;
}

inline std::unique_ptr<SoftwareCard> MakeCard(CardVariant variant, const SoftwareCardOptions& options = {}) {
    auto card = Factory().Make(variant, DemoCitizen(), options);
    if (!card) {
        ADD_FAILURE() << card.error().message;
        std::abort();
    }
    return std::move(*card);
}

// The MRZ access key printed on a card of `variant`.
inline AccessKey MrzKeyOf(CardVariant variant) {
    const SoftwareCardProfile p = Factory().PrintedProfile(variant);
    return AccessKey::Mrz(p.document_number, p.date_of_birth, p.date_of_expiry);
}

}  // namespace precinct::identity::card_test
