// The reports module's tables, as numbered migrations. Times are integer milliseconds since the Unix epoch.
#include "schema.hpp"

namespace precinct::reports {

const std::vector<storage::Migration>& Migrations() {
    static const std::vector<storage::Migration> kMigrations = {
        {1, "reports, their history, photos and the notification outbox", R"sql(
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    lat REAL, lon REAL,
    address TEXT NOT NULL DEFAULT '',
    occurred_ms INTEGER,
    status TEXT NOT NULL,
    status_reason TEXT NOT NULL DEFAULT '',
    anonymous INTEGER NOT NULL,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    lookup_hash TEXT NOT NULL,
    unit_id TEXT NOT NULL DEFAULT '',
    unit_reason_vi TEXT NOT NULL DEFAULT '',
    unit_reason_en TEXT NOT NULL DEFAULT '',
    assigned_to TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT 'vi',
    received_ms INTEGER NOT NULL,
    due_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    resolved_ms INTEGER,
    closed_ms INTEGER,
    flagged TEXT NOT NULL DEFAULT '',
    duplicate_of INTEGER REFERENCES reports(id),
    suggestions TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX reports_status ON reports(status, due_ms);
CREATE INDEX reports_received ON reports(received_ms);

CREATE TABLE report_events (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    from_status TEXT NOT NULL DEFAULT '',
    to_status TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    public INTEGER NOT NULL
);
CREATE INDEX report_events_report ON report_events(report_id, id);

CREATE TABLE report_photos (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    jpeg BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    source_format TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX report_photos_report ON report_photos(report_id);

-- Notifications to citizens, written in the same transaction as the change and sent by a background worker.
CREATE TABLE report_outbox (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    status TEXT NOT NULL,
    text_vi TEXT NOT NULL,
    text_en TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_ms INTEGER NOT NULL,
    sent_ms INTEGER,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_outbox_pending ON report_outbox(next_ms) WHERE sent_ms IS NULL;
)sql"},
        {2, "duplicate search by category and place", R"sql(
CREATE INDEX reports_open_place ON reports(category, lat, lon)
    WHERE status NOT IN ('resolved', 'rejected', 'closed') AND lat IS NOT NULL;
)sql"},
    };
    return kMigrations;
}

}  // namespace precinct::reports
