#include "feed/shard_plan.hpp"

#include <algorithm>

namespace tradehost::feed {

std::vector<Shard> shard_streams(const std::vector<sdk::StreamKey>& streams, const GroupOf& group_of,
                                 const sdk::ConnectionLimits& limits) {
  const std::uint32_t per_connection = std::max<std::uint32_t>(1, limits.streams_per_connection);
  std::vector<Shard> shards;
  // Groups in the order they first appear; within a group, fill the last open shard.
  std::vector<std::uint32_t> groups;
  for (const auto& stream : streams) {
    const std::uint32_t g = group_of(stream);
    if (std::find(groups.begin(), groups.end(), g) == groups.end()) groups.push_back(g);
  }
  for (const std::uint32_t g : groups) {
    Shard* open = nullptr;
    for (const auto& stream : streams) {
      if (group_of(stream) != g) continue;
      if (open == nullptr || open->streams.size() == per_connection) {
        shards.push_back(Shard{g, {}});
        open = &shards.back();
      }
      open->streams.push_back(stream);
    }
  }
  return shards;
}

}  // namespace tradehost::feed
