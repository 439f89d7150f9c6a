// The least any simdjson On-Demand decoder pays for a frame: the floor under our decoders'
// figures, measured in the same run, so that a target below it is seen to be out of reach.
//
// skip_document: stage 1 (the structural index) and a skip over the whole document, reading
// nothing. walk_document: the same, then every key and every scalar's raw token visited, at
// every depth, with nothing converted (no number, no decimal, no lookup). Both return a count
// for the benchmark to keep, or -1 when the text is not JSON.
#pragma once

#include <cstddef>
#include <memory>

namespace tradehost::bench {

class SimdjsonFloor {
 public:
  SimdjsonFloor();
  ~SimdjsonFloor();
  SimdjsonFloor(const SimdjsonFloor&) = delete;
  SimdjsonFloor& operator=(const SimdjsonFloor&) = delete;

  // `data` has at least 64 readable bytes after `size` (simdjson's padding).
  long skip_document(const char* data, std::size_t size) noexcept;
  long walk_document(const char* data, std::size_t size) noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tradehost::bench
