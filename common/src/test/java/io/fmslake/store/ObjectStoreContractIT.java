package io.fmslake.store;

import io.fmslake.testkit.EmbeddedS3;
import io.fmslake.testkit.S3Endpoint;

/** The contract against the embedded S3 server (S3Proxy). */
class ObjectStoreContractIT extends ObjectStoreContract {
    @Override
    S3Endpoint server() {
        return EmbeddedS3.shared();
    }
}
