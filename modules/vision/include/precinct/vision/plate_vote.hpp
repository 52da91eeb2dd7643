#pragma once
// One plate read from many frames of one tracked vehicle: a weighted vote over the frames' reads.
#include <optional>
#include <span>

#include "precinct/vision/plate_grammar.hpp"

namespace precinct::vision {

// One frame's read of the plate. `plate` comes from ReadPlate; confidence in [0, 1] (values outside are
// clamped, NaN counts as 0).
struct PlateObservation {
    PlateText plate;
    double confidence = 0;
};

struct VotedPlate {
    PlateText plate;
    double confidence = 0;  // winning weight / total weight of the reads, in [0, 1]
    int votes = 0;          // reads backing the winner (for a per-position result: the fewest behind any character)
    int observations = 0;   // reads that took part (observations with an empty plate text are ignored)
};

// The plate the frames agree on, or nullopt when there is no observation with a plate text.
//
// Each read weighs its confidence. Whole texts are voted on first: the text with the greatest summed weight wins
// (ties: more reads, then fewer corrections in its most confident read, then the smaller text), so several weak
// agreeing reads outweigh one confident outlier (3 x 0.4 beats 1 x 0.9). Then, over the reads that share the
// heaviest layout (kind, rows, row and field lengths), each character position is voted on by weight; the composed
// text replaces the whole-text winner only when it differs from it, is itself a valid plate (ReadPlate fits it
// with no correction) and the weight behind its weakest character is no less than the whole-text winner's weight.
// When every read has zero confidence the vote counts reads instead and the confidence reported is 0.
std::optional<VotedPlate> VotePlateReads(std::span<const PlateObservation> observations);

}  // namespace precinct::vision
