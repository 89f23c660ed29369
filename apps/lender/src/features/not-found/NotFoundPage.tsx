import { EmptyState, usePageTitle } from '@lending/ui';
import { Button, Container } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Container size="sm" py="xl">
      <EmptyState
        title="Page not found"
        action={
          <Button component={Link} to="/" variant="light">
            Go to the dashboard
          </Button>
        }
      >
        There is nothing at this address.
      </EmptyState>
    </Container>
  );
}
