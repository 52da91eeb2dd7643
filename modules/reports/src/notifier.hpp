#pragma once
// Telling citizens that their report moved: a Notifier gets every status change and every reply meant for the
// citizen. The log notifier (the default) only records that a notification would go out, without the contact
// details; the webhook notifier POSTs a JSON message to an SMS or e-mail gateway the force operates.
#include <chrono>
#include <memory>
#include <string>

#include "core/result.hpp"

namespace precinct::reports {

struct Notification {
    std::string code;     // the report's tracking code
    std::string status;   // the status now
    std::string text_vi;  // what the citizen reads
    std::string text_en;
    std::string phone;  // where to send it; empty when the citizen gave none
    std::string email;
};

class Notifier {
public:
    virtual ~Notifier() = default;
    virtual Status Notify(const Notification& n) = 0;
    virtual std::string Describe() const = 0;
};

std::unique_ptr<Notifier> CreateLogNotifier();
// POSTs {"code","status","text_vi","text_en","phone","email"} to `url` (http://host[:port]/path) with a timeout.
std::unique_ptr<Notifier> CreateWebhookNotifier(std::string url, std::chrono::milliseconds timeout);

}  // namespace precinct::reports
