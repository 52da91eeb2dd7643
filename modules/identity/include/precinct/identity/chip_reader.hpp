#pragma once
// The reader session: everything a terminal does with a chip ID card (Vietnamese CCCD, ICAO Doc 9303 eMRTD) over
// any CardTransport (a PC/SC reader, a software card), in this order:
//   1. SELECT the master file; on 6D00 (as some Vietnamese cards answer) or any refusal, SELECT EF.CardAccess
//      directly (00 A4 02 0C 02 01 1C) and read it if present.
//   2. PACE (ECDH generic mapping, MRZ or CAN password) when EF.CardAccess offers a PACEInfo this library
//      supports. With an MRZ key, a refused PACE (6982, or any other refusal) or a card without PACE falls back
//      to BAC; a CAN needs PACE, so it gives an error there.
//   3. SELECT the eMRTD application (A0000002471001), read EF.COM, EF.SOD and every data group EF.COM lists, in
//      chunks with offsets (the first chunk's TLV header gives the file's length). A data group the chip refuses
//      (DG3/DG4 answer 6982: they need terminal authentication) is skipped and noted.
//   4. Active authentication when DG15 is present: INTERNAL AUTHENTICATE with a fresh random 8-byte challenge,
//      verified against DG15 (and DG14's ActiveAuthenticationInfo for ECDSA).
//   5. Chip authentication when DG14 offers it: ECDH with DG14's public key, re-keyed secure messaging, then a
//      read under the new keys, whose answer must verify (the proof). A chip that cannot continue under the new
//      keys failed; the channel is then dead and the session ends there (all files were read before).
// Every step goes into SessionRecord::steps. Failed chip or active authentication is not an error: it is recorded
// (performed, not passed, with the reason), since that is how a cloned chip shows itself. Errors are for a session
// that cannot give the files: the card removed or the reader gone (the transport's error, with the step), wrong
// access data ("BAC failed: the MRZ data do not match this card (SW 6300)"), a CAN on a card without PACE, a file
// over the size limits, EF.COM unreadable.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "precinct/identity/apdu.hpp"
#include "precinct/identity/chip_data.hpp"

namespace precinct::identity {

// What opens the chip: the MRZ fields (BAC key or PACE MRZ password) or the 6-digit card access number (PACE
// only).
struct AccessKey {
    enum class Kind { kMrz, kCan };

    Kind kind = Kind::kMrz;
    std::string document_number;  // as in the MRZ (the 9 digits on a CCCD), fillers optional
    std::string date_of_birth;    // YYMMDD
    std::string date_of_expiry;   // YYMMDD
    std::string can;

    static AccessKey Mrz(std::string document_number, std::string date_of_birth, std::string date_of_expiry);
    static AccessKey Can(std::string can);
};

struct ReadOptions {
    bool chip_authentication = true;         // perform CA when DG14 offers it
    bool active_authentication = true;       // perform AA when DG15 is present
    std::size_t max_file_bytes = 1u << 20;   // one file larger than this is an error (kTooLarge)
    std::size_t max_total_bytes = 4u << 20;  // all files together
    // Le of each READ BINARY. Short reads (the default) ask at most 0xDF bytes, which fit one short response
    // under secure messaging; with `extended_length` up to 0x7FFF bytes are asked in extended form.
    std::uint32_t chunk_bytes = 0xDF;
    bool extended_length = false;
    bool pace = true;  // try PACE when EF.CardAccess offers it (false: BAC straight away, MRZ keys only)
};

// Runs the session. `card` must be freshly connected (power-on state). Not thread-safe for one card.
Result<ChipRead> ReadChip(CardTransport& card, const AccessKey& key, const ReadOptions& options = {});

}  // namespace precinct::identity
