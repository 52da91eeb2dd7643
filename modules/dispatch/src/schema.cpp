// The dispatch module's tables, as numbered migrations. Times are integer milliseconds since the Unix epoch.
#include "schema.hpp"

namespace precinct::dispatch {

const std::vector<storage::Migration>& Migrations() {
    static const std::vector<storage::Migration> kMigrations = {
        {1, "calls, incidents, units, assignments, positions", R"sql(
CREATE TABLE dispatch_incidents (
    id INTEGER PRIMARY KEY,
    line TEXT NOT NULL,
    category TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    priority TEXT NOT NULL,
    priority_rule TEXT NOT NULL,
    priority_reason_vi TEXT NOT NULL,
    priority_reason_en TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL,
    lat REAL, lon REAL, accuracy_m REAL,
    location_source TEXT, address TEXT, area TEXT NOT NULL DEFAULT '',
    received_ms INTEGER NOT NULL,
    created_ms INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    acknowledged_ms INTEGER, acknowledged_by TEXT,
    dispatched_ms INTEGER, on_scene_ms INTEGER, cleared_ms INTEGER,
    closed_ms INTEGER, closure_code TEXT,
    escalated_ms INTEGER
);
CREATE INDEX dispatch_incidents_open ON dispatch_incidents(status) WHERE status <> 'closed';
CREATE INDEX dispatch_incidents_received ON dispatch_incidents(received_ms);

CREATE TABLE dispatch_calls (
    id INTEGER PRIMARY KEY,
    line TEXT NOT NULL,
    caller TEXT NOT NULL,
    received_ms INTEGER NOT NULL,
    description TEXT NOT NULL,
    category TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    incident_id INTEGER REFERENCES dispatch_incidents(id),
    transferred_to TEXT,
    lat REAL, lon REAL, accuracy_m REAL,
    location_source TEXT, address TEXT, area TEXT NOT NULL DEFAULT '',
    aml_raw TEXT,
    suggestions TEXT NOT NULL DEFAULT '[]',
    client_ref TEXT UNIQUE,
    created_by TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX dispatch_calls_incident ON dispatch_calls(incident_id);
CREATE INDEX dispatch_calls_state ON dispatch_calls(state, id);

CREATE TABLE dispatch_incident_events (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES dispatch_incidents(id),
    at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    unit_id INTEGER
);
CREATE INDEX dispatch_incident_events_incident ON dispatch_incident_events(incident_id, id);

CREATE TABLE dispatch_units (
    id INTEGER PRIMARY KEY,
    call_sign TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    station TEXT NOT NULL DEFAULT '',
    capabilities TEXT NOT NULL,
    status TEXT NOT NULL,
    lat REAL, lon REAL, accuracy_m REAL, fixed_ms INTEGER,
    incident_id INTEGER REFERENCES dispatch_incidents(id),
    updated_ms INTEGER NOT NULL
);

CREATE TABLE dispatch_assignments (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES dispatch_incidents(id),
    unit_id INTEGER NOT NULL REFERENCES dispatch_units(id),
    assigned_ms INTEGER NOT NULL,
    assigned_by TEXT NOT NULL,
    eta_s REAL NOT NULL DEFAULT 0,
    en_route_ms INTEGER, on_scene_ms INTEGER, cleared_ms INTEGER, cancelled_ms INTEGER
);
CREATE INDEX dispatch_assignments_incident ON dispatch_assignments(incident_id);
CREATE INDEX dispatch_assignments_unit_active ON dispatch_assignments(unit_id)
    WHERE cleared_ms IS NULL AND cancelled_ms IS NULL;

-- One row per fix; the key makes a repeated fix a no-op.
CREATE TABLE dispatch_unit_positions (
    unit_id INTEGER NOT NULL,
    fixed_ms INTEGER NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, accuracy_m REAL NOT NULL,
    speed_kmh REAL, heading_deg REAL,
    PRIMARY KEY (unit_id, fixed_ms)
) WITHOUT ROWID;
)sql"},
        {2, "the channel a call came through", R"sql(
ALTER TABLE dispatch_calls ADD COLUMN channel TEXT NOT NULL DEFAULT 'voice';
)sql"},
    };
    return kMigrations;
}

}  // namespace precinct::dispatch
