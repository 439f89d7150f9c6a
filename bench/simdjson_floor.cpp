#include "simdjson_floor.hpp"

#include <simdjson.h>

namespace tradehost::bench {
namespace {

namespace od = simdjson::ondemand;

long walk(od::value value) noexcept;

long walk_object(od::object object) noexcept {
  long count = 0;
  for (auto field : object) {
    if (field.error()) return -1;
    od::field& f = field.value_unsafe();
    count += static_cast<long>(f.key().raw()[0]);  // the key, read in place
    const long inner = walk(f.value());
    if (inner < 0) return -1;
    count += inner;
  }
  return count;
}

long walk(od::value value) noexcept {
  od::json_type type{};
  if (value.type().get(type)) return -1;
  if (type == od::json_type::object) {
    od::object object;
    if (value.get_object().get(object)) return -1;
    return walk_object(object);
  }
  if (type == od::json_type::array) {
    od::array array;
    if (value.get_array().get(array)) return -1;
    long count = 0;
    for (auto element : array) {
      if (element.error()) return -1;
      const long inner = walk(element.value_unsafe());
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  return static_cast<long>(value.raw_json_token().size());  // the scalar's text, unconverted
}

}  // namespace

struct SimdjsonFloor::State {
  od::parser parser;

  bool iterate(const char* data, std::size_t size, od::document& doc) noexcept {
    return parser.iterate(simdjson::padded_string_view(data, size, size + simdjson::SIMDJSON_PADDING)).get(doc) ==
           simdjson::SUCCESS;
  }
};

SimdjsonFloor::SimdjsonFloor() : state_(std::make_unique<State>()) {}
SimdjsonFloor::~SimdjsonFloor() = default;

long SimdjsonFloor::skip_document(const char* data, std::size_t size) noexcept {
  od::document doc;
  std::string_view raw;
  if (!state_->iterate(data, size, doc) || doc.raw_json().get(raw)) return -1;
  return static_cast<long>(raw.size());
}

long SimdjsonFloor::walk_document(const char* data, std::size_t size) noexcept {
  od::document doc;
  od::object root;
  if (!state_->iterate(data, size, doc) || doc.get_object().get(root)) return -1;
  return walk_object(root);
}

}  // namespace tradehost::bench
