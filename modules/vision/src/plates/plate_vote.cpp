#include "precinct/vision/plate_vote.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace precinct::vision {
namespace {

// Weights closer than this are equal (sums of confidences are not exact).
constexpr double kEpsilon = 1e-9;

double WeightOf(double confidence) {
    if (std::isnan(confidence)) return 0;
    return std::clamp(confidence, 0.0, 1.0);
}

struct Read {
    const PlateText* plate;
    double weight;
};

struct TextTally {
    double weight = 0;
    int votes = 0;
    const PlateText* strongest = nullptr;  // the most confident read of this text
    double strongest_weight = -1;
};

// Reads with equal keys can be voted on position by position: same layout, same field and row lengths.
using LayoutKey = std::tuple<int, int, std::size_t, std::size_t, std::size_t, std::size_t, std::size_t, std::size_t>;

LayoutKey KeyOf(const PlateText& plate) {
    return {static_cast<int>(plate.kind), plate.rows,          plate.top_row.size(), plate.text.size(),
            plate.locality.size(),        plate.series.size(), plate.number.size(),  plate.country_code.size()};
}

struct Composed {
    std::string text;
    double weight = 0;  // the weight behind its weakest character
    int votes = 0;      // the reads behind its weakest character
};

// The per-position vote over reads of one layout: each position takes the heaviest character (ties: more reads,
// then the character of `preferred`, the whole-text winner, then the smaller character).
Composed ComposeByPosition(const std::vector<Read>& reads, std::string_view preferred) {
    Composed composed;
    const std::size_t length = reads.front().plate->text.size();
    composed.weight = -1;
    for (std::size_t i = 0; i < length; ++i) {
        std::map<char, std::pair<double, int>> tally;
        for (const Read& read : reads) {
            auto& entry = tally[read.plate->text[i]];
            entry.first += read.weight;
            entry.second += 1;
        }
        char winner = 0;
        std::pair<double, int> best{-1.0, 0};
        for (const auto& [c, entry] : tally) {
            const bool heavier = entry.first > best.first + kEpsilon;
            const bool as_heavy = std::abs(entry.first - best.first) <= kEpsilon;
            const bool preferred_tie =
                as_heavy && entry.second == best.second && i < preferred.size() && c == preferred[i] && c != winner;
            if (heavier || (as_heavy && entry.second > best.second) || preferred_tie) {
                winner = c;
                best = entry;
            }
        }
        composed.text.push_back(winner);
        if (composed.weight < 0 || best.first < composed.weight) composed.weight = best.first;
        if (i == 0 || best.second < composed.votes) composed.votes = best.second;
    }
    return composed;
}

}  // namespace

std::optional<VotedPlate> VotePlateReads(std::span<const PlateObservation> observations) {
    std::vector<Read> reads;
    double total = 0;
    for (const PlateObservation& observation : observations) {
        if (observation.plate.text.empty()) continue;
        reads.push_back(Read{&observation.plate, WeightOf(observation.confidence)});
        total += reads.back().weight;
    }
    if (reads.empty()) return std::nullopt;
    // With no confidence at all, every read counts as one and the result claims no confidence.
    const bool weightless = total <= 0;
    if (weightless) {
        for (Read& read : reads) read.weight = 1;
        total = static_cast<double>(reads.size());
    }

    // Whole-text vote; std::map orders texts, so a full tie keeps the smaller text.
    std::map<std::string, TextTally> texts;
    for (const Read& read : reads) {
        TextTally& tally = texts[read.plate->text];
        tally.weight += read.weight;
        tally.votes += 1;
        if (read.weight > tally.strongest_weight + kEpsilon ||
            (read.weight >= tally.strongest_weight - kEpsilon &&
             read.plate->corrections < tally.strongest->corrections)) {
            tally.strongest = read.plate;
            tally.strongest_weight = read.weight;
        }
    }
    const TextTally* winner = &texts.begin()->second;
    for (const auto& [text, tally] : texts) {
        const double difference = tally.weight - winner->weight;
        if (difference > kEpsilon) {
            winner = &tally;
        } else if (difference >= -kEpsilon) {
            if (tally.votes > winner->votes ||
                (tally.votes == winner->votes && tally.strongest->corrections < winner->strongest->corrections)) {
                winner = &tally;
            }
        }
    }

    VotedPlate voted;
    voted.plate = *winner->strongest;
    voted.votes = winner->votes;
    voted.observations = static_cast<int>(reads.size());
    double winning_weight = winner->weight;

    // Per-position vote over the heaviest layout group.
    std::map<LayoutKey, std::pair<double, std::vector<Read>>> groups;
    for (const Read& read : reads) {
        auto& group = groups[KeyOf(*read.plate)];
        group.first += read.weight;
        group.second.push_back(read);
    }
    const std::pair<double, std::vector<Read>>* heaviest = nullptr;
    for (const auto& [key, group] : groups) {
        if (heaviest == nullptr || group.first > heaviest->first + kEpsilon ||
            (std::abs(group.first - heaviest->first) <= kEpsilon && group.second.size() > heaviest->second.size())) {
            heaviest = &group;
        }
    }
    if (heaviest != nullptr && heaviest->second.size() >= 2) {
        const Composed composed = ComposeByPosition(heaviest->second, voted.plate.text);
        if (composed.text != voted.plate.text && composed.weight + kEpsilon >= winning_weight) {
            const PlateText& shape = *heaviest->second.front().plate;
            const std::size_t split = shape.rows == 2 ? shape.top_row.size() : composed.text.size();
            const std::string_view text = composed.text;
            auto plate = ReadPlate(text.substr(0, split), text.substr(split));
            if (plate && plate->text == composed.text && plate->corrections == 0) {
                voted.plate = std::move(*plate);
                voted.votes = composed.votes;
                winning_weight = composed.weight;
            }
        }
    }

    voted.confidence = weightless ? 0.0 : std::min(1.0, winning_weight / total);
    return voted;
}

}  // namespace precinct::vision
