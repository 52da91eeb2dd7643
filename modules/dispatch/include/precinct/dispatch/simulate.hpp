#pragma once
// `precinct simulate …`: drives a running server over HTTP with synthetic 113/114 traffic around Hà Nội, for
// demonstrations, training and load measurement. Each prints what it did and the latencies it saw.
#include <cstdint>
#include <iosfwd>
#include <string>

namespace precinct::dispatch {

struct SimulateOptions {
    std::string server = "127.0.0.1:8080";  // host:port
    std::string username = "calltaker";
    std::string password;  // read from standard input by the command when empty
    double rate = 5;       // calls (or fixes) a second
    double duration_s = 60;
    int connections = 4;  // parallel keep-alive connections
    std::uint64_t seed = 1;
    int count = 200;    // assignments measured by `assign-latency`
    bool fleet = true;  // `calls`: also move units and handle incidents (needs a dispatcher or supervisor)
};

// POST /api/v1/calls at `rate` for `duration_s`. Exit code 0 when every call was answered 201.
int SimulateCalls(const SimulateOptions& options, std::ostream& out);
// POST /api/v1/units/{id}/position for the units the server knows, moving them, at `rate` fixes a second.
int SimulatePositions(const SimulateOptions& options, std::ostream& out);
// Subscribes to the live `dispatch` topic, then assigns `count` units one at a time and measures how long each
// assignment takes to reach the subscriber (the unit is released again after each). Needs a dispatcher.
int MeasureAssignLatency(const SimulateOptions& options, std::ostream& out);

}  // namespace precinct::dispatch
