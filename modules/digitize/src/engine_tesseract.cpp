// Tesseract through its C++ API. Word texts, boxes and confidences come from the result iterator; line baselines
// give the searchable PDF's text positions.
#include <fmt/format.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "engine.hpp"
#include "text/normalize.hpp"

// libgomp, linked by the module.
extern "C" void omp_set_max_active_levels(int max_levels);
extern "C" void omp_set_num_threads(int num_threads);

namespace precinct::digitize {
namespace {

std::string_view Trim(std::string_view s);

class TesseractEngine final : public OcrEngine {
public:
    ~TesseractEngine() override { api_.End(); }

    Status Init(const EngineSettings& settings) {
        const std::string dir = TessdataDir(settings);
        if (api_.Init(dir.c_str(), settings.lang.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
            return Fail(ErrorCode::kUnavailable,
                        fmt::format("Tesseract could not load '{}' from {}", settings.lang, dir));
        }
        api_.SetPageSegMode(tesseract::PSM_AUTO);
        // Quiet, and no second pass on inverted text: administrative pages are dark text on light paper.
        api_.SetVariable("debug_file", "/dev/null");
        api_.SetVariable("tessedit_do_invert", "0");
        return Ok();
    }

    Result<PageOcr> Recognize(const Pix& page) override {
        DisableEngineThreading();
        Pix* pix = const_cast<Pix*>(&page);  // Tesseract copies the image; it does not write to it
        PageOcr out;
        out.width = pixGetWidth(pix);
        out.height = pixGetHeight(pix);
        out.dpi = pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300;
        api_.SetImage(pix);
        api_.SetSourceResolution(out.dpi);
        if (api_.Recognize(nullptr) != 0) {
            api_.Clear();
            return Fail(ErrorCode::kInternal, "Tesseract could not recognize the page");
        }
        std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
        if (it) {
            int paragraph = -1;
            do {
                if (it->Empty(tesseract::RIL_WORD)) continue;
                if (it->IsAtBeginningOf(tesseract::RIL_PARA)) ++paragraph;
                if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || out.lines.empty()) {
                    OcrLine line;
                    int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
                    it->BoundingBox(tesseract::RIL_TEXTLINE, &x1, &y1, &x2, &y2);
                    line.box = {x1, y1, x2 - x1, y2 - y1};
                    int bx1 = 0, by1 = 0, bx2 = 0, by2 = 0;
                    if (it->Baseline(tesseract::RIL_TEXTLINE, &bx1, &by1, &bx2, &by2) && bx2 != bx1) {
                        line.baseline_slope = static_cast<double>(by2 - by1) / (bx2 - bx1);
                        line.baseline_y = static_cast<int>(by1 + line.baseline_slope * (x1 - bx1));
                    } else {
                        line.baseline_y = y2;
                    }
                    line.paragraph = std::max(paragraph, 0);
                    out.lines.push_back(line);
                }
                std::unique_ptr<char[]> word(it->GetUTF8Text(tesseract::RIL_WORD));
                if (!word) continue;
                OcrWord w;
                w.text = text::Nfc(Trim(word.get()));
                if (w.text.empty()) continue;  // table rules and cell borders come back as blank words
                int x1 = 0, y1 = 0, x2 = 0, y2 = 0;
                it->BoundingBox(tesseract::RIL_WORD, &x1, &y1, &x2, &y2);
                w.box = {x1, y1, x2 - x1, y2 - y1};
                w.confidence = std::clamp(it->Confidence(tesseract::RIL_WORD), 0.0F, 100.0F);
                w.line = static_cast<int>(out.lines.size()) - 1;
                out.words.push_back(std::move(w));
            } while (it->Next(tesseract::RIL_WORD));
        }
        api_.Clear();
        return out;
    }

private:
    tesseract::TessBaseAPI api_;
};

std::string_view Trim(std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
}

bool ValidLanguageCode(std::string_view code) {
    if (code.empty() || code.size() > 32) return false;
    return std::all_of(code.begin(), code.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

std::string TessdataDir(const EngineSettings& settings) {
    if (!settings.datapath.empty()) return settings.datapath;
    if (const char* env = std::getenv("TESSDATA_PREFIX"); env != nullptr && *env != '\0') return env;
    return "/usr/share/tesseract-ocr/5/tessdata";
}

Status CheckLanguages(const EngineSettings& settings, const char* field) {
    const std::string& lang = settings.lang;
    std::size_t count = 0, start = 0;
    while (start <= lang.size()) {
        const std::size_t end = std::min(lang.find('+', start), lang.size());
        const std::string code = lang.substr(start, end - start);
        if (!ValidLanguageCode(code) || ++count > 4) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: language codes such as vie, eng or vie+eng (at most 4)", field), field);
        }
        const auto model = std::filesystem::path(TessdataDir(settings)) / (code + ".traineddata");
        std::error_code ec;
        if (!std::filesystem::is_regular_file(model, ec)) {
            return Fail(ErrorCode::kInvalidArgument,
                        fmt::format("{}: no model for '{}' (install tesseract-ocr-{})", field, code, code), field);
        }
        start = end + 1;
    }
    return Ok();
}

Result<std::unique_ptr<OcrEngine>> CreateTesseractEngine(const EngineSettings& settings) {
    if (auto s = CheckLanguages(settings); !s) return Fail(s.error());
    auto engine = std::make_unique<TesseractEngine>();
    if (auto s = engine->Init(settings); !s) return Fail(s.error());
    return std::unique_ptr<OcrEngine>(std::move(engine));
}

void DisableEngineThreading() {
    // Both are ICVs of the calling thread's data environment (OpenMP 5): with no active level allowed, every
    // parallel region the thread meets runs on it alone.
    thread_local bool done = false;
    if (done) return;
    omp_set_max_active_levels(0);
    omp_set_num_threads(1);
    done = true;
}

}  // namespace precinct::digitize
