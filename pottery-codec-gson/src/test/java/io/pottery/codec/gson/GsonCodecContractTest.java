package io.pottery.codec.gson;

import io.pottery.spi.Codec;
import io.pottery.testkit.contract.CodecContract;

class GsonCodecContractTest extends CodecContract {
  @Override
  protected Codec codec() {
    return new GsonCodec();
  }
}
