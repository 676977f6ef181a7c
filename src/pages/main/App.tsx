// The main page: controls, the video stage, the gesture list and the latency panel. Layout only; logic lives in the session.
import { CameraControls } from '../../components/CameraControls/CameraControls';
import { GestureRecorder } from '../../components/GestureRecorder/GestureRecorder';
import { ModelLibrary } from '../../components/ModelLibrary/ModelLibrary';
import { TrainPanel } from '../../components/TrainPanel/TrainPanel';
import { HandList } from '../../components/HandList/HandList';
import { LatencyPanel } from '../../components/LatencyPanel/LatencyPanel';
import { Notices } from '../../components/Notices/Notices';
import { OfflineStatus } from '../../components/OfflineStatus/OfflineStatus';
import { VideoStage } from '../../components/VideoStage/VideoStage';

export function App() {
  return (
    <div className="app">
      <header>
        <h1>Handcast <OfflineStatus /></h1>
        <p className="muted">Hand gestures recognised in your browser. Nothing leaves this machine.</p>
      </header>
      <Notices />
      <CameraControls />
      <main className="layout">
        <VideoStage />
        <aside>
          <HandList />
          <LatencyPanel />
          <GestureRecorder />
          <TrainPanel />
          <ModelLibrary />
        </aside>
      </main>
    </div>
  );
}
