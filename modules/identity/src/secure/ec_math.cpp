#include "secure/ec_math.hpp"

#include <fmt/format.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>

#include <climits>
#include <string>

namespace precinct::identity::secure {

namespace {

// The longest point encoding accepted (P-521 uncompressed: 1 + 2 * 66 bytes).
constexpr std::size_t kMaxPointBytes = 1 + 2 * 66;

tl::unexpected<Error> OpenSslFailure(std::string_view what) {
    return Fail(ErrorCode::kInternal, fmt::format("{}: OpenSSL failed ({})", what, DrainOpenSslErrors()));
}

}  // namespace

Result<Curve> CurveByName(std::string_view name) {
    const std::string n(name);
    const int nid = OBJ_sn2nid(n.c_str());
    if (nid == NID_undef) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("elliptic curve '{}' is unknown", name));
    }
    Curve curve;
    curve.name = n;
    curve.group.reset(EC_GROUP_new_by_curve_name(nid));
    if (!curve.group) {
        DrainOpenSslErrors();
        return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not an elliptic curve", name));
    }
    if (EC_GROUP_get_field_type(curve.group.get()) != NID_X9_62_prime_field) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("elliptic curve '{}' is not over a prime field", name));
    }
    curve.order.reset(BN_dup(EC_GROUP_get0_order(curve.group.get())));
    if (!curve.order) return OpenSslFailure("elliptic curve");
    curve.field_bytes = static_cast<std::size_t>((EC_GROUP_get_degree(curve.group.get()) + 7) / 8);
    return curve;
}

Result<EcPointPtr> DecodePoint(const Curve& curve, ByteView encoded, std::string_view what) {
    if (encoded.empty() || encoded.size() > kMaxPointBytes) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: a point encoding of {} bytes", what, encoded.size()));
    }
    if (encoded[0] == 0x00) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the point at infinity", what));
    }
    const bool uncompressed = encoded[0] == 0x04 && encoded.size() == 1 + 2 * curve.field_bytes;
    const bool compressed = (encoded[0] == 0x02 || encoded[0] == 0x03) && encoded.size() == 1 + curve.field_bytes;
    if (!uncompressed && !compressed) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}: not a point encoding for {} (first byte {:02X}, {} bytes)", what, curve.name,
                                encoded[0], encoded.size()));
    }
    EcPointPtr point(EC_POINT_new(curve.group.get()));
    BnCtxPtr ctx(BN_CTX_new());
    if (!point || !ctx) return OpenSslFailure(what);
    if (EC_POINT_oct2point(curve.group.get(), point.get(), encoded.data(), encoded.size(), ctx.get()) != 1 ||
        EC_POINT_is_on_curve(curve.group.get(), point.get(), ctx.get()) != 1) {
        DrainOpenSslErrors();
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: not a point on {}", what, curve.name));
    }
    if (EC_POINT_is_at_infinity(curve.group.get(), point.get()) == 1) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the point at infinity", what));
    }
    return point;
}

Result<Bytes> EncodePoint(const Curve& curve, const EC_POINT* point) {
    BnCtxPtr ctx(BN_CTX_new());
    Bytes out(1 + 2 * curve.field_bytes);
    if (!ctx || EC_POINT_point2oct(curve.group.get(), point, POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(),
                                   ctx.get()) != out.size()) {
        return OpenSslFailure("point encoding");
    }
    return out;
}

Result<Bytes> XCoordinate(const Curve& curve, const EC_POINT* point) {
    auto encoded = EncodePoint(curve, point);
    if (!encoded) return encoded;
    return Bytes(encoded->begin() + 1, encoded->begin() + 1 + static_cast<std::ptrdiff_t>(curve.field_bytes));
}

Result<BignumPtr> IntegerFromBytes(ByteView bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT_MAX / 8)) {
        return Fail(ErrorCode::kInvalidArgument, "integer too long");
    }
    BignumPtr n(BN_bin2bn(bytes.data(), static_cast<int>(bytes.size()), nullptr));
    if (!n) return OpenSslFailure("integer");
    return n;
}

Result<BignumPtr> ScalarFromBytes(const Curve& curve, ByteView scalar, std::string_view what) {
    if (scalar.empty() || scalar.size() > curve.field_bytes + 1) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: a scalar of {} bytes", what, scalar.size()));
    }
    auto n = IntegerFromBytes(scalar);
    if (!n) return n;
    if (BN_is_zero(n->get()) || BN_cmp(n->get(), curve.order.get()) >= 0) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: not in [1, n-1] for {}", what, curve.name));
    }
    return n;
}

Result<BignumPtr> RandomScalar(const Curve& curve) {
    BignumPtr k(BN_new());
    if (!k) return OpenSslFailure("random scalar");
    // Draws from [0, n-1] until non-zero (a zero comes with probability 1/n).
    do {
        if (BN_priv_rand_range(k.get(), curve.order.get()) != 1) return OpenSslFailure("random scalar");
    } while (BN_is_zero(k.get()));
    return k;
}

Result<EcPointPtr> Multiply(const Curve& curve, const EC_POINT* base, const BIGNUM* k, std::string_view what) {
    EcPointPtr out(EC_POINT_new(curve.group.get()));
    BnCtxPtr ctx(BN_CTX_new());
    if (!out || !ctx) return OpenSslFailure(what);
    const int ok = base == nullptr ? EC_POINT_mul(curve.group.get(), out.get(), k, nullptr, nullptr, ctx.get())
                                   : EC_POINT_mul(curve.group.get(), out.get(), nullptr, base, k, ctx.get());
    if (ok != 1) return OpenSslFailure(what);
    if (EC_POINT_is_at_infinity(curve.group.get(), out.get()) == 1) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the point at infinity", what));
    }
    return out;
}

Result<EcPointPtr> Add(const Curve& curve, const EC_POINT* a, const EC_POINT* b, std::string_view what) {
    EcPointPtr out(EC_POINT_new(curve.group.get()));
    BnCtxPtr ctx(BN_CTX_new());
    if (!out || !ctx || EC_POINT_add(curve.group.get(), out.get(), a, b, ctx.get()) != 1) {
        return OpenSslFailure(what);
    }
    if (EC_POINT_is_at_infinity(curve.group.get(), out.get()) == 1) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: the point at infinity", what));
    }
    return out;
}

bool PointsEqual(const Curve& curve, const EC_POINT* a, const EC_POINT* b) {
    BnCtxPtr ctx(BN_CTX_new());
    return EC_POINT_cmp(curve.group.get(), a, b, ctx.get()) == 0;
}

}  // namespace precinct::identity::secure
