// Drives jikkou's own reconciliation engine (io.streamthoughts:jikkou-core + jikkou-provider-kafka
// 0.34.0 from Maven Central) the way jikkou's CLI `jikkou create --files RESOURCES.yaml` does:
// load the resource files, then DefaultApi.reconcile(..., ReconciliationMode.CREATE) with the
// Kafka provider's topic and ACL controllers/collectors. Used by bench/baselines/jikkou.sh
// because the jikkou CLI artifact itself is not on Maven Central (see bench/baselines/README.md).
//
//   java -cp CLASSES:LIBS/* JikkouProvision CLIENT.properties RESOURCES.yaml...
// Each file is reconciled on its own, in order (as `jikkou create --files F` per file, but in one
// JVM): with topics and ACLs in one call, jikkou 0.34's library API plans each topic twice and
// then fails with a NullPointerException in CreateTopicChangeHandler, so bench/baselines/jikkou.sh
// passes topics.yaml and acls.yaml separately.
// Prints one line: changes=<n changed> failed=<n failed> ok=<n unchanged> (jikkou counts one
// change per topic and one per principal); exit 1 if any failed.
import io.streamthoughts.jikkou.core.DefaultApi;
import io.streamthoughts.jikkou.core.JikkouApi;
import io.streamthoughts.jikkou.core.ReconciliationContext;
import io.streamthoughts.jikkou.core.ReconciliationMode;
import io.streamthoughts.jikkou.core.config.Configuration;
import io.streamthoughts.jikkou.core.converter.ResourceListConverter;
import io.streamthoughts.jikkou.core.extension.ClassExtensionAliasesGenerator;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionDescriptorFactory;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionFactory;
import io.streamthoughts.jikkou.core.extension.DefaultExtensionRegistry;
import io.streamthoughts.jikkou.core.io.Jackson;
import io.streamthoughts.jikkou.core.io.ResourceDeserializer;
import io.streamthoughts.jikkou.core.io.ResourceLoader;
import io.streamthoughts.jikkou.core.io.reader.ResourceReaderFactory;
import io.streamthoughts.jikkou.core.models.HasItems;
import io.streamthoughts.jikkou.core.reconciler.ChangeResult;
import io.streamthoughts.jikkou.core.resource.DefaultResourceRegistry;
import io.streamthoughts.jikkou.kafka.collections.V1KafkaTopicList;
import io.streamthoughts.jikkou.kafka.internals.admin.AdminClientContextFactory;
import io.streamthoughts.jikkou.kafka.models.V1KafkaPrincipalAuthorization;
import io.streamthoughts.jikkou.kafka.models.V1KafkaTopic;
import io.streamthoughts.jikkou.kafka.reconciler.AdminClientKafkaAclCollector;
import io.streamthoughts.jikkou.kafka.reconciler.AdminClientKafkaAclController;
import io.streamthoughts.jikkou.kafka.reconciler.AdminClientKafkaTopicCollector;
import io.streamthoughts.jikkou.kafka.reconciler.AdminClientKafkaTopicController;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClient;

public final class JikkouProvision {
    public static void main(String[] args) throws Exception {
        Properties client = new Properties();
        try (InputStream in = new FileInputStream(args[0])) {
            client.load(in);
        }
        ResourceDeserializer.registerKind(V1KafkaTopic.class);
        ResourceDeserializer.registerKind(V1KafkaTopicList.class);
        ResourceDeserializer.registerKind(V1KafkaPrincipalAuthorization.class);

        AdminClientContextFactory factory =
                new AdminClientContextFactory(Configuration.empty(), () -> AdminClient.create(client));
        DefaultExtensionRegistry registry = new DefaultExtensionRegistry(
                new DefaultExtensionDescriptorFactory(), new ClassExtensionAliasesGenerator());
        JikkouApi api = DefaultApi.builder(new DefaultExtensionFactory(registry), new DefaultResourceRegistry())
                .register(AdminClientKafkaTopicController.class, () -> new AdminClientKafkaTopicController(factory))
                .register(AdminClientKafkaTopicCollector.class, () -> new AdminClientKafkaTopicCollector(factory))
                .register(AdminClientKafkaAclController.class, () -> new AdminClientKafkaAclController(factory))
                .register(AdminClientKafkaAclCollector.class, () -> new AdminClientKafkaAclCollector(factory))
                .register(ResourceListConverter.class, ResourceListConverter::new)
                .build();

        ResourceLoader loader = new ResourceLoader(new ResourceReaderFactory(Jackson.YAML_OBJECT_MAPPER));
        ReconciliationContext context = ReconciliationContext.builder().dryRun(false).build();
        List<ChangeResult> results = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            HasItems resources = loader.load(List.of(args[i]));
            results.addAll(api.reconcile(resources, ReconciliationMode.CREATE, context).results());
        }

        long changed = results.stream().filter(ChangeResult::isChanged).count();
        long failed = results.stream().filter(ChangeResult::isFailed).count();
        results.stream().filter(ChangeResult::isFailed).limit(5)
                .forEach(r -> System.err.println("jikkou: FAILED " + r.change().getMetadata().getName() + ": " + r.errors()));
        System.out.println("changes=" + changed + " failed=" + failed + " ok=" + (results.size() - changed - failed));
        api.close();
        System.exit(failed == 0 ? 0 : 1);
    }
}
