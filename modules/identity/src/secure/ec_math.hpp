#pragma once
// Elliptic-curve arithmetic over OpenSSL's EC_GROUP/EC_POINT/BIGNUM (the non-deprecated part of ec.h) for PACE's
// generic mapping and for keys given as scalars. Internal to the secure part. Every function that takes bytes
// from outside checks them and names what is wrong (kInvalidArgument).
#include <openssl/ec.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "precinct/identity/bytes.hpp"
#include "secure/openssl_ptr.hpp"

namespace precinct::identity::secure {

// A named prime curve: its group, order and field length.
struct Curve {
    std::string name;
    EcGroupPtr group;
    BignumPtr order;
    std::size_t field_bytes = 0;
};

// The curve of an OpenSSL short name ("brainpoolP256r1", "prime256v1"). kInvalidArgument when unknown or not a
// prime curve.
Result<Curve> CurveByName(std::string_view name);

// Decodes an uncompressed or compressed point (SEC 1); refuses the point at infinity, points not on the curve
// and malformed encodings. `what` names the point in errors.
Result<EcPointPtr> DecodePoint(const Curve& curve, ByteView encoded, std::string_view what);
// 04 || X || Y, each coordinate field_bytes long.
Result<Bytes> EncodePoint(const Curve& curve, const EC_POINT* point);
// The x-coordinate, field_bytes long, big-endian.
Result<Bytes> XCoordinate(const Curve& curve, const EC_POINT* point);

// A big-endian scalar that must lie in [1, n-1].
Result<BignumPtr> ScalarFromBytes(const Curve& curve, ByteView scalar, std::string_view what);
// A uniformly random scalar in [1, n-1].
Result<BignumPtr> RandomScalar(const Curve& curve);
// Any big-endian integer (the PACE nonce s, used as a scalar whatever its size).
Result<BignumPtr> IntegerFromBytes(ByteView bytes);

// k * base, or k * G when `base` is null. kInvalidArgument when the result is the point at infinity.
Result<EcPointPtr> Multiply(const Curve& curve, const EC_POINT* base, const BIGNUM* k, std::string_view what);
// a + b. kInvalidArgument when the result is the point at infinity.
Result<EcPointPtr> Add(const Curve& curve, const EC_POINT* a, const EC_POINT* b, std::string_view what);
// True when both points are equal.
bool PointsEqual(const Curve& curve, const EC_POINT* a, const EC_POINT* b);

}  // namespace precinct::identity::secure
