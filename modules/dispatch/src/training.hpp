#pragma once
// Training of new call-takers on the simulator's scenarios: a scenario gives what the caller says (and, for
// some, the AML message the phone sends); the trainee enters the call as they would a real one; the check
// compares the entry with what the scenario holds and explains every difference. Nothing is stored: a
// training call never reaches the incident queue.
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "service.hpp"
#include "simulator.hpp"

namespace precinct::dispatch {

struct TrainingScenario {
    std::uint64_t id = 0;  // the seed: the same id always gives the same scenario
    ScenarioCall call;
    std::string script_vi;  // what the caller says
    std::string script_en;
    std::string aml;  // the AML SMS that arrives with the call, or ""
    PriorityDecision expected_priority;
};

TrainingScenario MakeTrainingScenario(std::uint64_t id, TimePoint now);
// The scenario as shown to the trainee: the caller's words and number, the line, the AML text; not the answers.
Json TrainingScenarioJson(const TrainingScenario& s);

struct TrainingCheck {
    int score = 0;            // 0..100
    std::vector<Json> items;  // one per aspect: {"aspect","ok","expected","given","note_vi","note_en"}
    Json expected;            // the scenario's answers, revealed after the check
};

// Compares a trainee's call (decoded as POST /api/v1/calls would decode it) with the scenario.
TrainingCheck CheckTrainingCall(const TrainingScenario& s, const NewCall& entered);
Json TrainingCheckJson(const TrainingCheck& c);

}  // namespace precinct::dispatch
