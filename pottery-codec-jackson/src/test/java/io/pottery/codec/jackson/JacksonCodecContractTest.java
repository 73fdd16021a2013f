package io.pottery.codec.jackson;

import io.pottery.spi.Codec;
import io.pottery.testkit.contract.CodecContract;

class JacksonCodecContractTest extends CodecContract {
  @Override
  protected Codec codec() {
    return new JacksonCodec();
  }
}
