// Sharding: which connections carry which streams. Streams of one stream group (the adapter's
// say) share connections; each connection carries at most the venue's streams_per_connection,
// filled in the order the streams were planned. Pure: `tradehost plan` and the run use the same.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <tradehost/sdk/manifest.hpp>
#include <tradehost/sdk/stream.hpp>

namespace tradehost::feed {

struct Shard {
  std::uint32_t group = 0;
  std::vector<sdk::StreamKey> streams;
};

using GroupOf = std::function<std::uint32_t(const sdk::StreamKey&)>;

std::vector<Shard> shard_streams(const std::vector<sdk::StreamKey>& streams, const GroupOf& group_of,
                                 const sdk::ConnectionLimits& limits);

}  // namespace tradehost::feed
