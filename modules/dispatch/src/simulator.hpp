#pragma once
// Synthetic but realistic 113/114 traffic around Hà Nội: the same scenarios feed `serve --demo` (in process),
// `precinct simulate calls` (over HTTP, against a running server) and training of new call-takers. Every person,
// number and place detail in them is invented.
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "service.hpp"

namespace precinct::dispatch {

struct ScenarioCall {
    std::string line;
    std::string caller;
    std::string description;
    Category category = Category::kInfo;
    std::string type;
    GeoPoint point;
    double accuracy_m = 0;
    std::string address;
    bool as_aml = false;  // send the location as an AML SMS
};

// Draws calls with the mix of a city centre: mostly police matters, a share of fires and rescues, a few calls
// for other lines (transferred), some repeat calls about the same event (to exercise duplicate detection).
class ScenarioGenerator {
public:
    explicit ScenarioGenerator(std::uint64_t seed);
    ScenarioCall Next(TimePoint now);
    // The call as the JSON body of POST /api/v1/calls.
    static Json Body(const ScenarioCall& call, TimePoint now, const std::string& client_ref);
    // An AML v1 SMS for a point, with a correct `ml` length.
    static std::string MakeAml(const GeoPoint& p, double radius_m, TimePoint at, std::uint64_t serial);
    GeoPoint RandomPoint();

private:
    std::mt19937_64 rng_;
    std::vector<ScenarioCall> recent_;
    std::uint64_t serial_ = 0;
};

// Creates the demo fleet (police and fire stations around the city) when the database has no units yet.
Status SeedDemoUnits(DispatchService& svc);

// What the fleet simulation needs from the centre: in process (the demo) or over HTTP (`simulate calls`).
class Centre {
public:
    struct IncidentView {
        std::int64_t id = 0;
        IncidentStatus status = IncidentStatus::kNew;
        TimePoint created_at;
        std::optional<GeoPoint> point;
    };
    struct UnitView {
        std::int64_t id = 0;
        UnitStatus status = UnitStatus::kAvailable;
        std::optional<GeoPoint> position;
        std::optional<TimePoint> fixed_at;
        std::optional<std::int64_t> incident_id;
    };
    virtual ~Centre() = default;
    virtual Result<std::vector<IncidentView>> OpenIncidents() = 0;
    virtual Result<std::vector<UnitView>> Units() = 0;
    virtual Status SetStatus(std::int64_t unit_id, UnitStatus to) = 0;
    virtual Status Move(const PositionFix& fix) = 0;
    virtual Status AssignBest(std::int64_t incident_id) = 0;
    virtual Status Close(std::int64_t incident_id) = 0;
};

// Plays the units and a slow dispatcher: an incident nobody took within a minute gets the best unit; units
// drive to the scene at about 30 km/h, stay three minutes, clear; cleared incidents are closed.
void StepFleet(Centre& centre, TimePoint now, double step_s);

// Keeps the demo board alive in process: new calls at a rate and StepFleet every five seconds.
class DemoDriver {
public:
    DemoDriver(DispatchService& svc, double calls_per_minute);
    ~DemoDriver();
    void Tick();  // once a second

private:
    DispatchService& svc_;
    double per_second_;
    ScenarioGenerator gen_;
    std::mt19937_64 rng_{7};
    std::uint64_t ticks_ = 0;
    std::unique_ptr<Centre> centre_;
};

}  // namespace precinct::dispatch
