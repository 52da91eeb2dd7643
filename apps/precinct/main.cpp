// Precinct: one binary for the whole platform. The capability modules are listed in RegisterModules below.
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <iostream>

#include "commands.hpp"
#include "platform.hpp"
#include "precinct/assistant/cli.hpp"
#include "precinct/assistant/module.hpp"
#include "precinct/digitize/cli.hpp"
#include "precinct/digitize/module.hpp"
#include "precinct/dispatch/module.hpp"
#include "precinct/dispatch/simulate.hpp"
#include "precinct/identity/cli.hpp"
#include "precinct/identity/module.hpp"
#include "precinct/reports/module.hpp"
#include "precinct/vision/cli.hpp"
#include "precinct/vision/module.hpp"

namespace precinct::app {

void RegisterModules(ModuleRegistry& registry) {
    registry.Add("dispatch", &dispatch::ParseSettings, &dispatch::MakeModule);
    registry.Add("reports", &reports::ParseSettings, &reports::MakeModule);
    registry.Add("assistant", &assistant::ParseSettings, &assistant::MakeModule);  // after reports and dispatch
    registry.Add("digitize", &digitize::ParseSettings, &digitize::MakeModule);
    registry.Add("identity", &identity::ParseSettings, &identity::MakeModule);
    registry.Add("vision", &vision::ParseSettings, &vision::MakeModule);  // after dispatch
}

}  // namespace precinct::app

int main(int argc, char** argv) {
    using namespace precinct::app;
    CLI::App app{"Precinct — nền tảng số cho công an thành phố / digital operations platform for a city police force"};
    app.set_version_flag("--version", PRECINCT_VERSION);
    app.require_subcommand(1);

    ServeOptions serve;
    auto* serve_cmd = app.add_subcommand("serve", "Run the platform: API, live events and web console");
    serve_cmd->add_option("--data-dir", serve.data_dir, "Directory for the database and logs")->required();
    serve_cmd->add_option("--listen", serve.listen, "Address to listen on, host:port (overrides the config)");
    serve_cmd->add_option("--config", serve.config, "TOML configuration file")->check(CLI::ExistingFile);
    serve_cmd->add_flag("--demo", serve.demo, "Create demo accounts (one per role) and print them");
    serve_cmd->callback([&] { std::exit(RunServe(serve)); });

    AdminOptions admin;
    auto* admin_cmd = app.add_subcommand("admin", "Administration on a data directory");
    admin_cmd->require_subcommand(1);
    auto* user_cmd = admin_cmd->add_subcommand("user", "Officer accounts");
    user_cmd->require_subcommand(1);
    auto* user_add = user_cmd->add_subcommand("add", "Add an account; the password is read from standard input");
    user_add->add_option("--data-dir", admin.data_dir, "Data directory")->required();
    user_add->add_option("--config", admin.config, "TOML configuration file")->check(CLI::ExistingFile);
    user_add->add_option("--username", admin.username, "Login name (a-z, 0-9, . _ -)")->required();
    user_add
        ->add_option("--role", admin.role, "call_taker, dispatcher, supervisor, clerk, investigator, admin or auditor")
        ->required();
    user_add->add_option("--display-name", admin.display_name, "Full name shown in the console");
    user_add->callback([&] { std::exit(RunUserAdd(admin)); });
    auto* user_list = user_cmd->add_subcommand("list", "List accounts");
    user_list->add_option("--data-dir", admin.data_dir, "Data directory")->required();
    user_list->callback([&] { std::exit(RunUserList(admin)); });

    auto* audit_cmd = admin_cmd->add_subcommand("audit", "The audit log");
    audit_cmd->require_subcommand(1);
    auto* verify =
        audit_cmd->add_subcommand("verify", "Check the hash chain; exit 1 at the first altered or missing entry");
    verify->add_option("--data-dir", admin.data_dir, "Data directory")->required();
    verify->callback([&] { std::exit(RunAuditVerify(admin)); });
    auto* exp = audit_cmd->add_subcommand("export", "Write the whole log as JSON lines to standard output");
    exp->add_option("--data-dir", admin.data_dir, "Data directory")->required();
    exp->callback([&] { std::exit(RunAuditExport(admin)); });

    precinct::dispatch::SimulateOptions sim;
    auto* sim_cmd = app.add_subcommand(
        "simulate", "Drive a running server with synthetic 113/114 traffic around Hà Nội (demo, training, load)");
    sim_cmd->require_subcommand(1);
    sim.username.clear();
    auto add_common = [&sim](CLI::App* cmd, const char* default_user) {
        cmd->add_option("--server", sim.server, "host:port of the running server")->capture_default_str();
        cmd->add_option("--username", sim.username,
                        fmt::format("Account to sign in with (default {}); the password is read from standard input",
                                    default_user));
        cmd->add_option("--connections", sim.connections, "Parallel keep-alive connections")
            ->check(CLI::Range(1, 256))
            ->capture_default_str();
        cmd->add_option("--seed", sim.seed, "Seed of the scenario generator")->capture_default_str();
    };
    auto read_password = [&sim](const char* default_user) {
        if (sim.username.empty()) sim.username = default_user;
        if (!std::getline(std::cin, sim.password) || sim.password.empty()) {
            std::cerr << "precinct simulate: give the account's password on standard input\n";
            std::exit(2);
        }
    };
    auto* sim_calls = sim_cmd->add_subcommand("calls", "POST synthetic calls at a steady rate");
    add_common(sim_calls, "supervisor");
    sim_calls->add_option("--rate", sim.rate, "Calls a second")
        ->check(CLI::Range(0.01, 100000.0))
        ->capture_default_str();
    sim_calls->add_option("--duration", sim.duration_s, "Seconds")
        ->check(CLI::Range(1.0, 86400.0))
        ->capture_default_str();
    sim_calls->add_flag("!--calls-only", sim.fleet, "Only post calls; do not move units or handle incidents");
    sim_calls->callback([&] {
        read_password("supervisor");
        std::exit(precinct::dispatch::SimulateCalls(sim, std::cout));
    });
    auto* sim_pos = sim_cmd->add_subcommand("positions", "POST GPS fixes for every known unit at a steady rate");
    add_common(sim_pos, "dispatcher");
    sim_pos->add_option("--rate", sim.rate, "Fixes a second")
        ->check(CLI::Range(0.01, 1000000.0))
        ->capture_default_str();
    sim_pos->add_option("--duration", sim.duration_s, "Seconds")
        ->check(CLI::Range(1.0, 86400.0))
        ->capture_default_str();
    sim_pos->callback([&] {
        read_password("dispatcher");
        std::exit(precinct::dispatch::SimulatePositions(sim, std::cout));
    });
    auto* sim_lat = sim_cmd->add_subcommand(
        "assign-latency", "Measure the time from an assignment to its live event on a subscribed client");
    add_common(sim_lat, "supervisor");
    sim_lat->add_option("--count", sim.count, "Assignments to measure")
        ->check(CLI::Range(1, 100000))
        ->capture_default_str();
    sim_lat->callback([&] {
        read_password("supervisor");
        std::exit(precinct::dispatch::MeasureAssignLatency(sim, std::cout));
    });

    precinct::assistant::EvalOptions eval;
    std::vector<std::string> ask_questions;
    bool ask_json = false;
    auto* as_cmd = app.add_subcommand("assistant", "The citizens' assistant: check the knowledge base, ask, evaluate");
    as_cmd->require_subcommand(1);
    auto add_files = [&eval](CLI::App* cmd) {
        cmd->add_option("--kb", eval.files.kb_dir, "Knowledge-base directory (default: the source tree's data/kb)");
        cmd->add_option("--words", eval.files.words_file, "Word list (default: data/text/words.txt)");
        cmd->add_option("--calibration", eval.files.calibration_file, "Calibration file (default: data/assistant/calibration.toml)");
    };
    auto* as_check = as_cmd->add_subcommand("check", "Validate the knowledge base; every error names its file and line");
    add_files(as_check);
    as_check->callback([&] { std::exit(precinct::assistant::RunCheck(eval.files)); });
    auto* as_ask = as_cmd->add_subcommand("ask", "Ask questions in one conversation and print the replies");
    add_files(as_ask);
    as_ask->add_option("question", ask_questions, "Questions, in order")->required();
    as_ask->add_flag("--json", ask_json, "Print each reply as the API's JSON");
    as_ask->callback([&] { std::exit(precinct::assistant::RunAsk(eval.files, ask_questions, ask_json)); });
    auto* as_eval = as_cmd->add_subcommand("eval", "Top-1/top-3 accuracy, handoff rate and calibration on a question set");
    add_files(as_eval);
    as_eval->add_option("file", eval.questions_file, "TSV: split, expected id (or handoff), question")
        ->required()
        ->check(CLI::ExistingFile);
    as_eval->add_option("--split", eval.split, "all, tune or heldout")
        ->check(CLI::IsMember({"all", "tune", "heldout"}))
        ->capture_default_str();
    as_eval->add_flag("--fit", eval.fit, "Fit the confidence calibration on the tune split and write it");
    as_eval->add_flag("-v,--verbose", eval.verbose, "Print every miss");
    as_eval->add_option("--external", eval.external_file, "JSONL questions by others (\"id\", \"question\")")
        ->check(CLI::ExistingFile);
    as_eval->add_option("--external-labels", eval.external_labels, "TSV labels for --external: id, expected")
        ->check(CLI::ExistingFile);
    as_eval->callback([&] { std::exit(precinct::assistant::RunEval(eval)); });

    precinct::digitize::OcrOptions ocr;
    bool no_progress = false;
    auto* ocr_cmd = app.add_subcommand(
        "ocr", "Số hóa tài liệu / Digitize documents: scans (PNG, JPEG, TIFF, PDF) to searchable PDF, text and JSON");
    ocr_cmd->add_option("inputs", ocr.inputs, "Input files")->required();
    ocr_cmd->add_option("--out", ocr.out_dir, "Output directory (created if missing)")->required();
    ocr_cmd->add_option("--lang", ocr.lang, "Tesseract languages, joined by +")->capture_default_str();
    ocr_cmd->add_option("--jobs", ocr.jobs, "Pages processed at once, one engine each (default: one per core)")
        ->check(CLI::Range(1, 64));
    ocr_cmd->add_option("--pdf-dpi", ocr.pdf_dpi, "Resolution at which PDF pages are rasterized")
        ->check(CLI::Range(72, 600))
        ->capture_default_str();
    ocr_cmd->add_flag("--no-progress", no_progress, "No progress bar, even on a terminal");
    ocr_cmd->callback([&] {
        ocr.progress = !no_progress;
        std::exit(precinct::digitize::RunOcr(ocr));
    });

    namespace id = precinct::identity;
    auto* id_cmd = app.add_subcommand(
        "id", "Thẻ căn cước gắn chip / Chip ID cards (CCCD, ICAO 9303): keys, reading, verification");
    id_cmd->require_subcommand(1);
    id::BacKeysOptions bac;
    auto* bac_cmd = id_cmd->add_subcommand("bac-keys", "Print the BAC keys K_seed, K_enc, K_mac of an MRZ");
    bac_cmd->add_option("--doc", bac.document_number, "Document number as in the MRZ")->required();
    bac_cmd->add_option("--dob", bac.date_of_birth, "Date of birth, YYMMDD")->required();
    bac_cmd->add_option("--expiry", bac.date_of_expiry, "Date of expiry, YYMMDD")->required();
    bac_cmd->callback([&] { std::exit(id::RunBacKeys(bac)); });
    id::VerifyCliOptions id_verify;
    auto* verify_cmd = id_cmd->add_subcommand(
        "verify", "Verify a dump folder of the chip's files; JSON report; exit 0 only for a genuine card");
    verify_cmd->add_option("--dump", id_verify.dump_dir, "Folder of EF_COM.bin, EF_SOD.bin, DG1.bin …")->required();
    verify_cmd->add_option("--trust", id_verify.trust, "Trusted CSCA: a folder, a certificate or a master list (.mls)");
    verify_cmd->add_option("--faces", id_verify.faces_dir, "Write the DG2 face images to this folder as PNG");
    verify_cmd->add_flag("--include-faces", id_verify.include_faces, "Embed the face images in the JSON (base64)");
    verify_cmd->callback([&] { std::exit(id::RunVerify(id_verify)); });
    id::ReadCliOptions id_read;
    auto* read_cmd = id_cmd->add_subcommand(
        "read", "Read a card on a reader (PC/SC or a software test card) and verify it; exit 0 only for genuine");
    read_cmd->add_option("--reader", id_read.reader,
                         "PC/SC reader name (default: the first with a card) or software:genuine|cloned|altered|expired");
    read_cmd->add_option("--mrz", id_read.mrz, "MRZ access data DOCUMENT,YYMMDD,YYMMDD, or the MRZ text");
    read_cmd->add_option("--can", id_read.can, "Card access number (6 digits printed on the card; PACE)");
    read_cmd->add_option("--trust", id_read.trust, "Trusted CSCA: a folder, a certificate or a master list (.mls)");
    read_cmd->add_option("--save", id_read.out_dir, "Also write the files read to this folder as a dump");
    read_cmd->add_option("--faces", id_read.faces_dir, "Write the DG2 face images to this folder as PNG");
    read_cmd->add_flag("--include-faces", id_read.include_faces, "Embed the face images in the JSON (base64)");
    read_cmd->callback([&] { std::exit(id::RunRead(id_read)); });
    auto* readers_cmd = id_cmd->add_subcommand("readers", "List PC/SC readers and the software test cards");
    readers_cmd->callback([&] { std::exit(id::RunReaders()); });
    id::DemoDumpOptions demo_dump;
    auto* demo_cmd = id_cmd->add_subcommand(
        "demo-dump", "Write the files of a software test card (and its test CSCA) to try `id verify`");
    demo_cmd->add_option("--variant", demo_dump.variant, "genuine, cloned, altered or expired")->capture_default_str();
    demo_cmd->add_option("--out", demo_dump.out_dir, "Folder for the card's files")->required();
    demo_cmd->add_option("--trust-out", demo_dump.trust_out, "Folder for the test CSCA certificate (PEM)");
    demo_cmd->callback([&] { std::exit(id::RunDemoDump(demo_dump)); });
    id::VirtualCardCliOptions virtual_card;
    auto* virtual_cmd = id_cmd->add_subcommand(
        "virtual-card", "Put a software test card into pcscd's virtual reader (vsmartcard-vpcd) until pcscd stops");
    virtual_cmd->add_option("--variant", virtual_card.variant, "genuine, cloned, altered or expired")
        ->capture_default_str();
    virtual_cmd->add_option("--port", virtual_card.port, "vpcd port (35963: reader \"Virtual PCD 00 00\")")
        ->capture_default_str();
    virtual_cmd->add_option("--trust-out", virtual_card.trust_out, "Folder for the test CSCA certificate (PEM)");
    virtual_cmd->callback([&] { std::exit(id::RunVirtualCard(virtual_card)); });
    id::PrintedOptions printed;
    auto* printed_cmd = id_cmd->add_subcommand(
        "printed", "Check the printed data: MRZ check digits, the personal number, the QR code (text or image)");
    printed_cmd->add_option("--mrz", printed.mrz, "MRZ text, lines separated by \\n");
    printed_cmd->add_option("--number", printed.number, "12-digit personal number");
    printed_cmd->add_option("--dob", printed.date_of_birth, "Date of birth YYYY-MM-DD, to check the number against");
    printed_cmd->add_option("--qr-text", printed.qr_text, "Text of the QR code on the front");
    printed_cmd->add_option("--qr-image", printed.qr_image, "Image (PNG/JPEG) with the QR code");
    printed_cmd->callback([&] { std::exit(id::RunPrinted(printed)); });

    namespace vision = precinct::vision;
    vision::PlatesCliOptions plates;
    bool no_motion_gating = false;
    auto* plates_cmd = app.add_subcommand(
        "plates", "Biển số xe / Licence plates: read them in images and videos (one read per vehicle)");
    plates_cmd->add_option("files", plates.files, "Images (JPEG, PNG, ...) and videos (MP4, AVI, ...)");
    plates_cmd->add_flag("--json", plates.json, "Print JSON");
    plates_cmd->add_option("--models", plates.models_dir, "Folder of the prepared plate models");
    plates_cmd->add_option("--sample-fps", plates.sample_fps, "Video frames analysed per second")
        ->capture_default_str();
    plates_cmd->add_flag("--no-motion-gating", no_motion_gating, "Analyse every sampled frame, moving or not");
    plates_cmd->add_option("--threads", plates.threads, "Threads for the networks (default: OpenCV's)")
        ->check(CLI::Range(1, 64));
    vision::MakeVideoOptions make_video;
    auto* make_video_cmd = plates_cmd->add_subcommand(
        "make-video", "Write a made street video where each plate passes by: a camera source for demos and tests");
    make_video_cmd->add_option("--out", make_video.out, "Video file to write (.avi, Motion JPEG)")->required();
    make_video_cmd->add_option("--plate", make_video.plates, "A plate: 51F-123.45, or 29-B1/123.45 for two rows")
        ->required();
    make_video_cmd->add_option("--fps", make_video.fps, "Frames per second")->capture_default_str();
    make_video_cmd->add_option("--seconds-each", make_video.seconds_each, "Seconds each vehicle is in view")
        ->capture_default_str();
    make_video_cmd->add_option("--gap", make_video.gap_s, "Seconds of empty street between vehicles")
        ->capture_default_str();
    make_video_cmd->callback([&] { std::exit(vision::RunMakeVideo(make_video)); });
    plates_cmd->callback([&] {
        if (plates_cmd->got_subcommand(make_video_cmd)) return;
        plates.motion_gating = !no_motion_gating;
        std::exit(vision::RunPlates(plates));
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // --help and --version print and succeed; every other parse error is bad input: exit 2 as documented.
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    return 0;
}
