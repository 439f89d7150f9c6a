// The one translation unit that compiles Asio, Asio's SSL glue and Beast. Everything that uses
// them links tradehost_asio and gets BOOST_ASIO_SEPARATE_COMPILATION and
// BOOST_BEAST_SEPARATE_COMPILATION, so their bodies are compiled here once instead of in every
// file that includes them (the slowest part of a build on two cores).
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
