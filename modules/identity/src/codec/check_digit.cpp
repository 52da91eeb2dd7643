#include "precinct/identity/check_digit.hpp"

namespace precinct::identity {

std::optional<int> MrzCheckDigit(std::string_view field) {
    static constexpr int kWeights[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < field.size(); ++i) {
        char c = field[i];
        int v = 0;
        if (c >= '0' && c <= '9') {
            v = c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            v = c - 'A' + 10;
        } else if (c == '<') {
            v = 0;
        } else {
            return std::nullopt;
        }
        sum += v * kWeights[i % 3];
    }
    return sum % 10;
}

}  // namespace precinct::identity
