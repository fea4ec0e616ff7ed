"""The acme.shop data product, tested against the real local Kafka + schema registry with the
topics, schemas and ACLs its spec provisions (fixtures from specmesh's pytest plugin)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
from confluent_kafka import Consumer, KafkaError, KafkaException, Message, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient, topic_subject_name_strategy
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

HERE = Path(__file__).resolve().parent
ORDERS = "acme.shop._public.orders"
PAYMENTS = "acme.shop._protected.payments"


@pytest.fixture(scope="session")
def registry(specmesh_env) -> SchemaRegistryClient:
    # A bounded timeout: the client's default waits forever, and Apicurio has been seen to leave
    # a request unanswered (the client retries a timed-out request).
    return SchemaRegistryClient({"url": specmesh_env.schema_registry_url, "timeout": 10})


@pytest.fixture(scope="session")
def consumer_domains(specmesh_provision) -> None:
    """The consuming domains' own (empty) specs: their prefixed consumer-group ACLs."""
    for domain in ("acme.finance", "acme.stranger"):
        specmesh_provision(HERE / f"{domain}-api.yaml")


def produce(config: dict[str, Any], registry: SchemaRegistryClient, topic: str, key: Any,
            value: dict[str, Any]) -> None:
    # The schema is the one specmesh registered for the topic; the service never registers.
    # Subjects as specmesh names them (TopicNameStrategy). Said explicitly: confluent-kafka 2.16's
    # default first asks the registry's associations API, which Apicurio does not have.
    serializer = AvroSerializer(registry, conf={"auto.register.schemas": False,
                                                "use.latest.version": True,
                                                "subject.name.strategy":
                                                    topic_subject_name_strategy})
    producer = Producer(config)
    errors: list[KafkaError] = []
    producer.produce(topic, key=str(key).encode(),
                     value=serializer(value, SerializationContext(topic, MessageField.VALUE)),
                     on_delivery=lambda error, _: errors.append(error) if error else None)
    assert producer.flush(30) == 0, "not delivered within 30 s"
    assert not errors, errors


def consume_until(config: dict[str, Any], topic: str,
                  found: Callable[[Message], bool], timeout: float = 30.0) -> Message:
    """Polls `topic` from the start until `found`; raises KafkaException on a client error."""
    consumer = Consumer({**config, "auto.offset.reset": "earliest",
                         "enable.auto.commit": False})
    try:
        consumer.subscribe([topic])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message: Optional[Message] = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                raise KafkaException(message.error())
            if found(message):
                return message
        raise AssertionError(f"nothing matching on {topic} within {timeout} s")
    finally:
        consumer.close()


def test_the_spec_is_provisioned(specmesh_provisioned):
    assert specmesh_provisioned["domain"] == "acme.shop"
    topics = {topic["name"] for topic in specmesh_provisioned["topics"]}
    assert {ORDERS, PAYMENTS, "acme.shop._private.cart"} <= topics
    assert specmesh_provisioned["summary"]["FAILED"] == 0


def test_shop_produces_and_consumes_avro_orders(specmesh_provisioned, specmesh_client_config,
                                                registry):
    order_id = str(uuid.uuid4())
    order = {"id": order_id, "customer_id": "c-42",
             "items": [{"sku": "tea-001", "quantity": 2, "unit_price_cents": 450}],
             "placed_at": int(time.time() * 1000)}
    produce(specmesh_client_config("acme.shop"), registry, ORDERS, order_id, order)

    config = specmesh_client_config("acme.shop", group_id=f"acme.shop.orders-test-{order_id}")
    message = consume_until(config, ORDERS, lambda m: m.key() == order_id.encode())
    read = AvroDeserializer(registry)(message.value(),
                                      SerializationContext(ORDERS, MessageField.VALUE))
    assert read["id"] == order_id
    assert read["items"] == order["items"]
    # Confluent wire format: magic byte 0, then the registered schema's id.
    registered = registry.get_latest_version(f"{ORDERS}-value")
    assert message.value()[0] == 0
    assert int.from_bytes(message.value()[1:5], "big") == registered.schema_id


def test_granted_domain_reads_payments_and_a_stranger_is_refused(
        specmesh_provisioned, consumer_domains, specmesh_client_config, registry):
    order_id = str(uuid.uuid4())
    payment = {"order_id": order_id, "amount_cents": 900, "status": "SETTLED"}
    produce(specmesh_client_config("acme.shop"), registry, PAYMENTS, 7, payment)

    finance = specmesh_client_config("acme.finance",
                                     group_id=f"acme.finance.payments-test-{order_id}")
    deserialize = AvroDeserializer(registry)
    context = SerializationContext(PAYMENTS, MessageField.VALUE)

    def ours(message: Message) -> bool:
        # Other tests share the topic and may write other formats to it.
        value = message.value() or b""
        if value[:1] != b"\0":
            return False
        try:
            return deserialize(value, context)["order_id"] == order_id
        except Exception:  # noqa: BLE001 - somebody else's record
            return False

    message = consume_until(finance, PAYMENTS, ours)
    assert deserialize(message.value(), context) == payment

    # acme.stranger may use its own groups, but the protected topic is not granted to it.
    stranger = specmesh_client_config("acme.stranger",
                                      group_id=f"acme.stranger.payments-test-{order_id}")
    with pytest.raises(KafkaException) as refused:
        consume_until(stranger, PAYMENTS, lambda m: True, timeout=20)
    assert refused.value.args[0].code() == KafkaError.TOPIC_AUTHORIZATION_FAILED
