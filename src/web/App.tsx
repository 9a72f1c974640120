import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { Permission } from '../shared/domain/roles.ts';
import { AccountPage } from './features/account/AccountPage.tsx';
import { can, useSignedIn } from './features/auth/me-context.ts';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { AttributesPage } from './features/catalog/AttributesPage.tsx';
import { CatalogPage } from './features/catalog/CatalogPage.tsx';
import { PairingsPage } from './features/catalog/PairingsPage.tsx';
import { ProductPage } from './features/catalog/ProductPage.tsx';
import { CustomerPage } from './features/customers/CustomerPage.tsx';
import { CustomersPage } from './features/customers/CustomersPage.tsx';
import { DuplicatesPage } from './features/customers/merge/DuplicatesPage.tsx';
import { MergePage } from './features/customers/merge/MergePage.tsx';
import { NewCustomerPage } from './features/customers/NewCustomerPage.tsx';
import { FeedbackPage } from './features/feedback/FeedbackPage.tsx';
import { ComparePage } from './features/guidance/ComparePage.tsx';
import { GuidanceSessionPage } from './features/guidance/GuidanceSessionPage.tsx';
import { GuidedSellingPage } from './features/guidance/GuidedSellingPage.tsx';
import { QuestionSetEditorPage } from './features/guidance/question-sets/QuestionSetEditorPage.tsx';
import { QuestionSetsPage } from './features/guidance/question-sets/QuestionSetsPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { CatalogImportPage } from './features/imports/CatalogImportPage.tsx';
import { ImportPage } from './features/imports/ImportPage.tsx';
import { SalePage } from './features/sales/SalePage.tsx';
import { SalesPage } from './features/sales/SalesPage.tsx';
import { NotAllowed, NotFoundPage } from './features/shell/NotFound.tsx';
import { SignedInLayout } from './features/shell/SignedInLayout.tsx';
import { TeamPage } from './features/staff/TeamPage.tsx';
import { LowStockPage } from './features/stock/LowStockPage.tsx';
import { StoresPage } from './features/stores/StoresPage.tsx';
import { TokensPage } from './features/tokens/TokensPage.tsx';
import { VisitScreenPage } from './features/visit-screen/VisitScreenPage.tsx';
import { FollowUpsPage } from './features/visits/FollowUpsPage.tsx';
import { GesturesPage } from './features/visits/GesturesPage.tsx';
import { LostDemandPage } from './features/visits/LostDemandPage.tsx';
import { RoadmapPage } from './features/visits/RoadmapPage.tsx';
import { SpecialOrdersPage } from './features/visits/SpecialOrdersPage.tsx';
import { VisitPage } from './features/visits/VisitPage.tsx';
import { VisitsPage } from './features/visits/VisitsPage.tsx';
import { VocabularyPage } from './features/vocabulary/VocabularyPage.tsx';

/** Shows a page only to people whose role allows it; the API refuses the rest anyway. */
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useSignedIn();
  return can(me, permission) ? children : <NotAllowed />;
}

/** Where a signed-in person starts: the customer book if they may use it, otherwise Today. */
function Start() {
  const me = useSignedIn();
  return <Navigate to={can(me, 'customers.view') ? '/customers' : '/today'} replace />;
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      {/*
        The visit screen (selling.assist, checked inside) has a frame of its own, without the app's
        navigation: the tablet's whole width serves the visit, and it opens offline with what it has.
        It comes before visits/:id.
      */}
      <Route path="/visits/:id/live" element={<VisitScreenPage />} />
      <Route element={<SignedInLayout />}>
        <Route index element={<Start />} />
        <Route
          path="feedback"
          element={
            <Allowed permission="feedback.view">
              <FeedbackPage />
            </Allowed>
          }
        />
        <Route path="today" element={<HomePage />} />
        <Route
          path="customers"
          element={
            <Allowed permission="customers.view">
              <CustomersPage />
            </Allowed>
          }
        />
        <Route
          path="customers/new"
          element={
            <Allowed permission="customers.edit">
              <NewCustomerPage />
            </Allowed>
          }
        />
        <Route
          path="customers/duplicates"
          element={
            <Allowed permission="customers.merge">
              <DuplicatesPage />
            </Allowed>
          }
        />
        <Route
          path="customers/:id/merge/:otherId"
          element={
            <Allowed permission="customers.merge">
              <MergePage />
            </Allowed>
          }
        />
        <Route
          path="customers/import"
          element={
            <Allowed permission="customers.bulk">
              <ImportPage />
            </Allowed>
          }
        />
        <Route
          path="customers/:id"
          element={
            <Allowed permission="customers.view">
              <CustomerPage />
            </Allowed>
          }
        />
        <Route path="catalog" element={<CatalogPage />} />
        <Route
          path="catalog/import"
          element={
            <Allowed permission="stock.move">
              <CatalogImportPage />
            </Allowed>
          }
        />
        <Route
          path="catalog/attributes"
          element={
            <Allowed permission="catalog.edit">
              <AttributesPage />
            </Allowed>
          }
        />
        <Route
          path="catalog/pairings"
          element={
            <Allowed permission="catalog.edit">
              <PairingsPage />
            </Allowed>
          }
        />
        <Route path="catalog/:id" element={<ProductPage />} />
        <Route
          path="stock/low"
          element={
            <Allowed permission="stock.count">
              <LowStockPage />
            </Allowed>
          }
        />
        <Route
          path="sales"
          element={
            <Allowed permission="sales.close">
              <SalesPage />
            </Allowed>
          }
        />
        <Route
          path="sales/:id"
          element={
            <Allowed permission="sales.close">
              <SalePage />
            </Allowed>
          }
        />
        <Route
          path="selling"
          element={
            <Allowed permission="selling.assist">
              <GuidedSellingPage />
            </Allowed>
          }
        />
        <Route
          path="selling/:id"
          element={
            <Allowed permission="selling.assist">
              <GuidanceSessionPage />
            </Allowed>
          }
        />
        <Route
          path="selling/:id/compare"
          element={
            <Allowed permission="selling.assist">
              <ComparePage />
            </Allowed>
          }
        />
        <Route
          path="selling/question-sets"
          element={
            <Allowed permission="selling.configure">
              <QuestionSetsPage />
            </Allowed>
          }
        />
        <Route
          path="selling/question-sets/:id"
          element={
            <Allowed permission="selling.configure">
              <QuestionSetEditorPage />
            </Allowed>
          }
        />
        <Route
          path="visits"
          element={
            <Allowed permission="selling.assist">
              <VisitsPage />
            </Allowed>
          }
        />
        <Route
          path="visits/roadmap"
          element={
            <Allowed permission="selling.configure">
              <RoadmapPage />
            </Allowed>
          }
        />
        <Route
          path="visits/:id"
          element={
            <Allowed permission="selling.assist">
              <VisitPage />
            </Allowed>
          }
        />
        <Route
          path="follow-ups"
          element={
            <Allowed permission="selling.run">
              <FollowUpsPage />
            </Allowed>
          }
        />
        <Route
          path="special-orders"
          element={
            <Allowed permission="sales.close">
              <SpecialOrdersPage />
            </Allowed>
          }
        />
        <Route
          path="gestures"
          element={
            <Allowed permission="store.reports">
              <GesturesPage />
            </Allowed>
          }
        />
        <Route
          path="lost-demand"
          element={
            <Allowed permission="store.reports">
              <LostDemandPage />
            </Allowed>
          }
        />
        <Route
          path="vocabulary"
          element={
            <Allowed permission="catalog.edit">
              <VocabularyPage />
            </Allowed>
          }
        />
        <Route
          path="team"
          element={
            <Allowed permission="staff.view">
              <TeamPage />
            </Allowed>
          }
        />
        <Route path="stores" element={<StoresPage />} />
        <Route
          path="tokens"
          element={
            <Allowed permission="tokens.manage">
              <TokensPage />
            </Allowed>
          }
        />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
