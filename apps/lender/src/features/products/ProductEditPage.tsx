import type { RouterOutputs } from '@lending/core/router';
import {
  applyFieldErrors,
  formatDateTime,
  formatError,
  notifySuccess,
  PageHeader,
  QueryFallback,
  useActiveOrganization,
  useTRPC,
} from '@lending/ui';
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  NEW_PRODUCT,
  ProductForm,
  type ProductFormValues,
  toProductForm,
  toProductInput,
  useProductForm,
} from './ProductForm.tsx';

/** `/products/new`: a new product with every setting. */
export function NewProductPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.products.create.mutationOptions());
  const form = useProductForm(NEW_PRODUCT);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: ProductFormValues) => {
    setError(null);
    try {
      const product = await create.mutateAsync(toProductInput(values));
      await queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() });
      notifySuccess(`${product.settings.name} created.`);
      navigate(`/products/${product.id}`);
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/products" size="sm">
        ← Products
      </Anchor>
      <PageHeader title="New product" />
      <ProductForm
        form={form}
        onSubmit={submit}
        submitLabel="Create product"
        pending={create.isPending}
        error={error}
      />
    </Stack>
  );
}

/** `/products/:productId`: edit (a new version; applications keep theirs) and the versions so far. */
export default function ProductEditPage() {
  const { productId = '' } = useParams();
  const trpc = useTRPC();
  const product = useQuery(trpc.products.get.queryOptions({ productId }));
  if (!product.data) {
    return (
      <Stack gap="lg">
        <PageHeader title="Product" />
        <QueryFallback query={product} noun="product" />
      </Stack>
    );
  }
  return <ProductEditor key={`${product.data.id}-${product.data.currentVersion}`} product={product.data} />;
}

type ProductDetail = RouterOutputs['products']['get'];

function ProductEditor({ product }: { product: ProductDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const active = useActiveOrganization();
  const isAdmin = active.role === 'admin';
  const update = useMutation(trpc.products.update.mutationOptions());
  const form = useProductForm(toProductForm(product.settings));
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: ProductFormValues) => {
    setError(null);
    try {
      const saved = await update.mutateAsync({ productId: product.id, settings: toProductInput(values) });
      await queryClient.invalidateQueries({ queryKey: trpc.products.pathKey() });
      notifySuccess(`Saved as version ${saved.currentVersion}. Applications already started keep theirs.`);
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(formatError(e));
    }
  };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/products" size="sm">
        ← Products
      </Anchor>
      <PageHeader
        title={product.settings.name}
        description={
          <Group gap="xs" component="span">
            <span>Version {product.currentVersion}</span>
            {product.status === 'archived' && (
              <Badge color="gray" variant="light" component="span">
                Archived
              </Badge>
            )}
          </Group>
        }
      />
      {!isAdmin && (
        <Text size="sm" c="dimmed">
          Only admins change products. You see its settings read-only.
        </Text>
      )}
      <ProductForm
        form={form}
        onSubmit={submit}
        submitLabel="Save as a new version"
        pending={update.isPending}
        error={error}
        readOnly={!isAdmin}
      />
      <Card withBorder padding="lg" component="section" aria-labelledby="versions-title">
        <Title order={2} size="h4" id="versions-title" mb="xs">
          Versions
        </Title>
        <Stack gap={4} component="ol" style={{ margin: 0, paddingLeft: 18 }}>
          {[...product.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => (
              <Text component="li" size="sm" key={v.id}>
                Version {v.version} — {v.name}, {formatDateTime(v.createdAt)}
                {v.version === product.currentVersion ? ' (current)' : ''}
              </Text>
            ))}
        </Stack>
      </Card>
    </Stack>
  );
}
