// Fuzz target: BingX's decode on one raw frame as it comes off the wire: gzip (binary, the normal
// case: it must pass the header, the inflater and the CRC) or anything else (text). The JSON
// behind the gzip is reached far better by bingx_decode_gzip, which compresses the input first.
#include "bingx/decode.hpp"
#include "bingx/gunzip.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  static bingx::Decoder decoder;  // constructing one allocates its buffers: once per process
  static const auto bindings = fuzz::decode_command_bindings();
  fuzz::check(static_cast<bool>(decoder.bind(bindings)), "bind refused the decode command's symbols");
  const bool binary = bingx::is_gzip(reinterpret_cast<const char*>(data), size);
  const fuzz::PaddedFrame padded(data, size, binary);
  fuzz::decode_and_check(decoder, padded.view());
  return 0;
}
