// Fuzz target: KuCoin Futures' decode on text frames, one per line of the input
// (fuzz_support.hpp), through a decoder bound like `tradehost decode`'s (so with the documented
// contract sizes); every frame must keep the decode contract.
#include "kucoinfutures/decode.hpp"

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tradehost;
  static kucoinfutures::Decoder decoder;  // constructing one allocates its parser: once per process
  static const auto bindings = fuzz::decode_command_bindings();
  // bind forgets every candle: each input starts from the same state, so a crash reproduces.
  fuzz::check(static_cast<bool>(decoder.bind(bindings)), "bind refused the decode command's symbols");
  fuzz::for_each_line(data, size, [&](const std::uint8_t* frame, std::size_t n) {
    const fuzz::PaddedFrame padded(frame, n, false);
    fuzz::decode_and_check(decoder, padded.view());
  });
  return 0;
}
