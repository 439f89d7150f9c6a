// BingX swap business codes the private side answers with (protocols/bingx.md §8, the codes in
// force since 2025-10-16). They come in the {"code","msg","data":{}} envelope with HTTP 200.
#pragma once

namespace tradehost::sim::bingx::code {

inline constexpr int kSignatureFailed = 100001;
inline constexpr int kNullSignature = 100412;
inline constexpr int kBadApiKey = 100413;
inline constexpr int kTimestamp = 100421;
inline constexpr int kInvalidParameter = 109400;
inline constexpr int kOrderNotExist = 109421;
inline constexpr int kOrderNotOpen = 109422;
inline constexpr int kRateLimited = 109429;
inline constexpr int kSystemBusy = 109500;
inline constexpr int kInsufficientMargin = 101204;
inline constexpr int kPostOnlyWouldTake = 101215;
inline constexpr int kReduceOnlyWouldOpen = 101290;
inline constexpr int kBelowMinimum = 101400;
inline constexpr int kDuplicateClientId = 101481;

}  // namespace tradehost::sim::bingx::code
