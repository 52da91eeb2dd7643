#include "codec/jpeg2000.hpp"

#include <allheaders.h>
#include <fmt/format.h>
#include <openjpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "codec/leptonica.hpp"

namespace precinct::identity {

namespace {

struct CodecDeleter {
    void operator()(opj_codec_t* codec) const { opj_destroy_codec(codec); }
};
struct StreamDeleter {
    void operator()(opj_stream_t* stream) const { opj_stream_destroy(stream); }
};
struct ImageDeleter {
    void operator()(opj_image_t* image) const { opj_image_destroy(image); }
};
using CodecPtr = std::unique_ptr<opj_codec_t, CodecDeleter>;
using StreamPtr = std::unique_ptr<opj_stream_t, StreamDeleter>;
using ImagePtr = std::unique_ptr<opj_image_t, ImageDeleter>;

tl::unexpected<Error> Invalid(std::string message) {
    return Fail(ErrorCode::kInvalidArgument, "JPEG 2000: " + std::move(message), "image");
}

// ---- the memory streams OpenJPEG reads from and writes to ----

struct MemoryReader {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
    std::size_t pos = 0;
};

OPJ_SIZE_T ReadFn(void* buffer, OPJ_SIZE_T n, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    const std::size_t left = r->size - r->pos;
    if (left == 0) return static_cast<OPJ_SIZE_T>(-1);
    const std::size_t take = std::min<std::size_t>(n, left);
    std::memcpy(buffer, r->data + r->pos, take);
    r->pos += take;
    return take;
}

OPJ_OFF_T ReadSkipFn(OPJ_OFF_T n, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    if (n < 0) {
        const auto back = std::min<std::size_t>(static_cast<std::size_t>(-n), r->pos);
        r->pos -= back;
        return -static_cast<OPJ_OFF_T>(back);
    }
    const auto ahead = std::min<std::size_t>(static_cast<std::size_t>(n), r->size - r->pos);
    r->pos += ahead;
    return static_cast<OPJ_OFF_T>(ahead);
}

OPJ_BOOL ReadSeekFn(OPJ_OFF_T n, void* user) {
    auto* r = static_cast<MemoryReader*>(user);
    if (n < 0 || static_cast<std::size_t>(n) > r->size) return OPJ_FALSE;
    r->pos = static_cast<std::size_t>(n);
    return OPJ_TRUE;
}

struct MemoryWriter {
    Bytes out;
    std::size_t pos = 0;
};

OPJ_SIZE_T WriteFn(void* buffer, OPJ_SIZE_T n, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    if (w->out.size() < w->pos + n) w->out.resize(w->pos + n);
    std::memcpy(w->out.data() + w->pos, buffer, n);
    w->pos += n;
    return n;
}

OPJ_OFF_T WriteSkipFn(OPJ_OFF_T n, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    if (n < 0 && static_cast<std::size_t>(-n) > w->pos) return -1;
    w->pos = static_cast<std::size_t>(static_cast<OPJ_OFF_T>(w->pos) + n);
    if (w->out.size() < w->pos) w->out.resize(w->pos);
    return n;
}

OPJ_BOOL WriteSeekFn(OPJ_OFF_T n, void* user) {
    auto* w = static_cast<MemoryWriter*>(user);
    if (n < 0) return OPJ_FALSE;
    w->pos = static_cast<std::size_t>(n);
    if (w->out.size() < w->pos) w->out.resize(w->pos);
    return OPJ_TRUE;
}

// OpenJPEG reports errors through a callback; keep the first one for the message.
void KeepFirstError(const char* msg, void* user) {
    auto* first = static_cast<std::string*>(user);
    if (first->empty() && msg != nullptr) {
        *first = msg;
        while (!first->empty() && (first->back() == '\n' || first->back() == '\r')) first->pop_back();
    }
}

void IgnoreMessage(const char* /*msg*/, void* /*user*/) {}

std::uint8_t ClampByte(double v) { return static_cast<std::uint8_t>(std::clamp(v + 0.5, 0.0, 255.0)); }

// The component's sample at image position (x, y), scaled to 0-255.
std::uint8_t Sample(const opj_image_comp_t& c, int x, int y) {
    const auto cx = std::min<OPJ_UINT32>(static_cast<OPJ_UINT32>(x) / std::max<OPJ_UINT32>(c.dx, 1), c.w - 1);
    const auto cy = std::min<OPJ_UINT32>(static_cast<OPJ_UINT32>(y) / std::max<OPJ_UINT32>(c.dy, 1), c.h - 1);
    std::int64_t v = c.data[static_cast<std::size_t>(cy) * c.w + cx];
    if (c.sgnd != 0) v += std::int64_t{1} << (c.prec - 1);
    if (c.prec > 8) {
        v >>= (c.prec - 8);
    } else if (c.prec < 8) {
        v = v * 255 / ((std::int64_t{1} << c.prec) - 1);
    }
    return static_cast<std::uint8_t>(std::clamp<std::int64_t>(v, 0, 255));
}

}  // namespace

ImageKind SniffImageKind(ByteView data) {
    static constexpr std::uint8_t kJp2Signature[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50,
                                                     0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A};
    if (data.size() >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return ImageKind::kJpeg;
    if (data.size() >= sizeof(kJp2Signature) &&
        std::equal(std::begin(kJp2Signature), std::end(kJp2Signature), data.begin())) {
        return ImageKind::kJp2;
    }
    if (data.size() >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51) {
        return ImageKind::kJ2k;
    }
    return ImageKind::kUnknown;
}

Result<RasterImage> DecodeJpeg2000(ByteView data, int max_side) {
    const ImageKind kind = SniffImageKind(data);
    if (kind != ImageKind::kJp2 && kind != ImageKind::kJ2k) return Invalid("neither a JP2 file nor a J2K codestream");
    MemoryReader reader{data.data(), data.size(), 0};
    StreamPtr stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_TRUE));
    CodecPtr codec(opj_create_decompress(kind == ImageKind::kJp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    if (!stream || !codec) return Fail(ErrorCode::kInternal, "JPEG 2000: cannot create the decoder");
    opj_stream_set_read_function(stream.get(), ReadFn);
    opj_stream_set_skip_function(stream.get(), ReadSkipFn);
    opj_stream_set_seek_function(stream.get(), ReadSeekFn);
    opj_stream_set_user_data(stream.get(), &reader, nullptr);
    opj_stream_set_user_data_length(stream.get(), data.size());
    std::string error;
    opj_set_error_handler(codec.get(), KeepFirstError, &error);
    opj_set_warning_handler(codec.get(), IgnoreMessage, nullptr);
    opj_set_info_handler(codec.get(), IgnoreMessage, nullptr);
    opj_dparameters_t params;
    opj_set_default_decoder_parameters(&params);
    if (opj_setup_decoder(codec.get(), &params) == OPJ_FALSE) {
        return Fail(ErrorCode::kInternal, "JPEG 2000: cannot set up the decoder");
    }
    opj_image_t* raw_image = nullptr;
    const OPJ_BOOL header_ok = opj_read_header(stream.get(), codec.get(), &raw_image);
    ImagePtr image(raw_image);
    if (header_ok == OPJ_FALSE || !image) return Invalid(fmt::format("bad header ({})", error));
    if (image->x1 <= image->x0 || image->y1 <= image->y0) return Invalid("empty image");
    const OPJ_UINT32 width = image->x1 - image->x0;
    const OPJ_UINT32 height = image->y1 - image->y0;
    if (width > static_cast<OPJ_UINT32>(max_side) || height > static_cast<OPJ_UINT32>(max_side)) {
        return Invalid(fmt::format("{}x{} pixels; at most {} on a side", width, height, max_side));
    }
    if (image->numcomps < 1 || image->numcomps > 4) {
        return Invalid(fmt::format("{} components; 1 to 4 supported", image->numcomps));
    }
    if (image->color_space == OPJ_CLRSPC_CMYK) return Invalid("CMYK images are not supported");
    if (opj_decode(codec.get(), stream.get(), image.get()) == OPJ_FALSE ||
        opj_end_decompress(codec.get(), stream.get()) == OPJ_FALSE) {
        return Invalid(fmt::format("does not decode ({})", error));
    }
    for (OPJ_UINT32 i = 0; i < image->numcomps; ++i) {
        const opj_image_comp_t& c = image->comps[i];
        if (c.data == nullptr || c.w == 0 || c.h == 0 || c.prec < 1 || c.prec > 31) {
            return Invalid(fmt::format("component {} holds no usable samples", i));
        }
    }
    RasterImage out;
    out.width = static_cast<int>(width);
    out.height = static_cast<int>(height);
    out.channels = image->numcomps >= 3 ? 3 : 1;
    out.pixels.resize(static_cast<std::size_t>(width) * height * static_cast<std::size_t>(out.channels));
    const bool ycc =
        out.channels == 3 && (image->color_space == OPJ_CLRSPC_SYCC || image->color_space == OPJ_CLRSPC_EYCC);
    std::size_t at = 0;
    for (int y = 0; y < out.height; ++y) {
        for (int x = 0; x < out.width; ++x) {
            if (out.channels == 1) {
                out.pixels[at++] = Sample(image->comps[0], x, y);
                continue;
            }
            const double c0 = Sample(image->comps[0], x, y);
            const double c1 = Sample(image->comps[1], x, y);
            const double c2 = Sample(image->comps[2], x, y);
            if (ycc) {
                out.pixels[at++] = ClampByte(c0 + 1.402 * (c2 - 128.0));
                out.pixels[at++] = ClampByte(c0 - 0.344136 * (c1 - 128.0) - 0.714136 * (c2 - 128.0));
                out.pixels[at++] = ClampByte(c0 + 1.772 * (c1 - 128.0));
            } else {
                out.pixels[at++] = static_cast<std::uint8_t>(c0);
                out.pixels[at++] = static_cast<std::uint8_t>(c1);
                out.pixels[at++] = static_cast<std::uint8_t>(c2);
            }
        }
    }
    return out;
}

Result<Bytes> EncodeJpeg2000(const RasterImage& image, bool jp2_container) {
    if (image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) *
                                   static_cast<std::size_t>(image.channels)) {
        return Invalid("the raster's pixels do not match its size and channels");
    }
    const auto n = static_cast<OPJ_UINT32>(image.channels);
    opj_image_cmptparm_t parms[3];
    std::memset(parms, 0, sizeof(parms));
    for (OPJ_UINT32 i = 0; i < n; ++i) {
        parms[i].dx = 1;
        parms[i].dy = 1;
        parms[i].w = static_cast<OPJ_UINT32>(image.width);
        parms[i].h = static_cast<OPJ_UINT32>(image.height);
        parms[i].prec = 8;
        parms[i].sgnd = 0;
    }
    ImagePtr opj_image(opj_image_create(n, parms, n == 1 ? OPJ_CLRSPC_GRAY : OPJ_CLRSPC_SRGB));
    if (!opj_image) return Fail(ErrorCode::kInternal, "JPEG 2000: cannot create the image");
    opj_image->x0 = 0;
    opj_image->y0 = 0;
    opj_image->x1 = static_cast<OPJ_UINT32>(image.width);
    opj_image->y1 = static_cast<OPJ_UINT32>(image.height);
    const std::size_t count = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    for (OPJ_UINT32 c = 0; c < n; ++c) {
        for (std::size_t i = 0; i < count; ++i) opj_image->comps[c].data[i] = image.pixels[i * n + c];
    }
    opj_cparameters_t params;
    opj_set_default_encoder_parameters(&params);
    // Lossless (one layer, no rate); fewer resolutions for small images (each level halves the smaller side).
    params.tcp_numlayers = 1;
    params.tcp_rates[0] = 0;
    params.cp_disto_alloc = 1;
    params.tcp_mct = n == 3 ? 1 : 0;
    int levels = 1;
    for (int side = std::min(image.width, image.height); side >= 2 && levels < 6; side /= 2) ++levels;
    params.numresolution = levels;
    CodecPtr codec(opj_create_compress(jp2_container ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K));
    if (!codec) return Fail(ErrorCode::kInternal, "JPEG 2000: cannot create the encoder");
    std::string error;
    opj_set_error_handler(codec.get(), KeepFirstError, &error);
    opj_set_warning_handler(codec.get(), IgnoreMessage, nullptr);
    opj_set_info_handler(codec.get(), IgnoreMessage, nullptr);
    if (opj_setup_encoder(codec.get(), &params, opj_image.get()) == OPJ_FALSE) {
        return Fail(ErrorCode::kInternal, fmt::format("JPEG 2000: encoder set-up failed ({})", error));
    }
    MemoryWriter writer;
    {
        StreamPtr stream(opj_stream_create(OPJ_J2K_STREAM_CHUNK_SIZE, OPJ_FALSE));
        if (!stream) return Fail(ErrorCode::kInternal, "JPEG 2000: cannot create the output stream");
        opj_stream_set_write_function(stream.get(), WriteFn);
        opj_stream_set_skip_function(stream.get(), WriteSkipFn);
        opj_stream_set_seek_function(stream.get(), WriteSeekFn);
        opj_stream_set_user_data(stream.get(), &writer, nullptr);
        if (opj_start_compress(codec.get(), opj_image.get(), stream.get()) == OPJ_FALSE ||
            opj_encode(codec.get(), stream.get()) == OPJ_FALSE ||
            opj_end_compress(codec.get(), stream.get()) == OPJ_FALSE) {
            return Fail(ErrorCode::kInternal, fmt::format("JPEG 2000: encoding failed ({})", error));
        }
    }
    return std::move(writer.out);
}

Result<Bytes> RasterToPng(const RasterImage& image) {
    if (image.width <= 0 || image.height <= 0 || (image.channels != 1 && image.channels != 3) ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) *
                                   static_cast<std::size_t>(image.channels)) {
        return Fail(ErrorCode::kInvalidArgument, "PNG: the raster's pixels do not match its size and channels");
    }
    PixPtr pix(pixCreate(image.width, image.height, image.channels == 1 ? 8 : 32));
    if (!pix) return Fail(ErrorCode::kInternal, "PNG: cannot allocate the image");
    l_uint32* data = pixGetData(pix.get());
    const int wpl = pixGetWpl(pix.get());
    std::size_t at = 0;
    for (int y = 0; y < image.height; ++y) {
        l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
        for (int x = 0; x < image.width; ++x) {
            if (image.channels == 1) {
                // 8-bit pixels sit big-endian within each 32-bit word.
                const int shift = 24 - 8 * (x % 4);
                line[x / 4] = (line[x / 4] & ~(0xFFu << shift)) | (l_uint32{image.pixels[at++]} << shift);
            } else {
                const l_uint32 r = image.pixels[at];
                const l_uint32 g = image.pixels[at + 1];
                const l_uint32 b = image.pixels[at + 2];
                at += 3;
                line[x] = (r << 24) | (g << 16) | (b << 8);
            }
        }
    }
    if (image.channels == 3) pixSetSpp(pix.get(), 3);
    return PixToPng(pix.get());
}

}  // namespace precinct::identity
